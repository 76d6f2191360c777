import Taro from '@tarojs/taro';
import { IS_WEAPP } from './auth';

/** The ticket the API's demo stand-in accepts (the H5 build runs only against a demo API). */
const DEMO_FACE_TICKET = 'demo-face-pass';

/**
 * 人脸核身: proves that the person holding the phone is the person named, before a binding opens a
 * household's file. On WeChat, the platform's own check against the public-security photo; the API
 * exchanges the ticket with WeChat. The H5 demo has no camera check and uses the demo ticket.
 */
export async function faceVerify(realName: string, idNumber: string): Promise<string> {
  if (!IS_WEAPP) return DEMO_FACE_TICKET;
  const res = await (
    Taro as unknown as {
      startFacialRecognitionVerify: (o: { name: string; idCardNumber: string }) => Promise<{ verifyResult: string }>;
    }
  ).startFacialRecognitionVerify({ name: realName, idCardNumber: idNumber });
  return res.verifyResult;
}
