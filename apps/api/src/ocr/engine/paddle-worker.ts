/**
 * One PP-OCRv4 worker: a child process of the API (see PaddlePool), one core, its own memory.
 * Messages in: { id, op: 'page' | 'line', image, box? }; out: { id, lines } or { id, error }.
 * Nothing is written to disk and nothing read is logged.
 */
import { PaddleOcr, type GrayPixels, type PaddleLine } from './paddle-ocr.js';

export interface WorkerRequest {
  id: number;
  op: 'page' | 'line';
  image: GrayPixels;
  box?: PaddleLine['box'];
}

export type WorkerReply = { id: number; lines: PaddleLine[] } | { id: number; error: string } | { ready: true } | { ready: false; error: string };

const ocr = new PaddleOcr();
const send = (m: WorkerReply): void => void process.send?.(m);

process.on('message', (m: WorkerRequest) => {
  const job = m.op === 'page' ? ocr.page(m.image) : ocr.line(m.image, m.box).then((l) => [l]);
  job.then(
    (lines) => send({ id: m.id, lines }),
    (e: unknown) => send({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));

ocr.load().then(
  () => send({ ready: true }),
  (e: unknown) => {
    send({ ready: false, error: e instanceof Error ? e.message : String(e) });
    process.exitCode = 1;
  },
);
