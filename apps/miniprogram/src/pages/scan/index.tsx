/** Photographing an ID card: the camera with a card-shaped frame; the photo is cut to the frame. */
import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Camera, Text, View } from '@tarojs/components';
import { CARD_ASPECT, cropToFrame, deliverCapture } from '../../services/card-capture';
import { Btn, Notice } from '../../components/ui';
import './index.scss';

export default function Scan() {
  const delivered = useRef(false);
  const [busy, setBusy] = useState(false);
  const [denied, setDenied] = useState(false);
  // Sizes in px: the preview fills the width and 70 % of the height; the frame is 88 % of its width.
  const layout = useMemo(() => {
    const sys = Taro.getSystemInfoSync();
    const view = { width: sys.windowWidth, height: Math.round(sys.windowHeight * 0.7) };
    const width = Math.round(view.width * 0.88);
    const height = Math.round(width / CARD_ASPECT);
    return { view, frame: { left: Math.round((view.width - width) / 2), top: Math.round((view.height - height) / 2), width, height } };
  }, []);

  // Leaving without a photo answers the caller with nothing.
  useEffect(
    () => () => {
      if (!delivered.current) deliverCapture(null);
    },
    [],
  );

  const finish = (capture: Parameters<typeof deliverCapture>[0]) => {
    delivered.current = true;
    deliverCapture(capture);
    void Taro.navigateBack();
  };

  const shoot = () => {
    setBusy(true);
    Taro.createCameraContext().takePhoto({
      quality: 'high',
      success: (res) => {
        void cropToFrame(res.tempImagePath, layout.frame, layout.view).then((card) => finish({ card, full: { path: res.tempImagePath } }));
      },
      fail: () => setBusy(false),
    });
  };

  const fromAlbum = async () => {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] });
      if (res.tempFilePaths[0]) finish({ card: null, full: { path: res.tempFilePaths[0] } });
    } catch {
      // cancelled
    }
  };

  const { frame, view } = layout;
  return (
    <View className='scan-page'>
      <View className='scan-view' style={{ height: `${view.height}px` }}>
        <Camera
          className='scan-camera'
          devicePosition='back'
          flash='off'
          style={{ width: '100%', height: `${view.height}px` }}
          onError={() => setDenied(true)}
        />
        <View className='scan-frame' style={{ left: `${frame.left}px`, top: `${frame.top}px`, width: `${frame.width}px`, height: `${frame.height}px` }}>
          <View className='scan-portrait' />
        </View>
        <Text className='scan-hint' style={{ top: `${frame.top + frame.height + 12}px` }}>
          将身份证放入框内，对齐边缘，避免反光
        </Text>
      </View>
      {denied ? (
        <Notice kind='warn'>
          <Text>无法使用相机，请在设置中允许使用摄像头，或从相册选择照片</Text>
        </Notice>
      ) : null}
      <View className='scan-actions'>
        <Btn loading={busy} disabled={denied} onClick={shoot}>
          拍照识别
        </Btn>
        <Btn kind='ghost' onClick={() => void fromAlbum()}>
          从相册选择
        </Btn>
      </View>
    </View>
  );
}
