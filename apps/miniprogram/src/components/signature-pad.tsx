/**
 * A handwritten signature on a canvas; `onChange` receives a PNG data URL (or null when cleared).
 * Several pads on one page (one per co-signer) each need their own `id`.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';

const WIDTH = 330;
const HEIGHT = 160;

interface Ctx2D {
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  scale(x: number, y: number): void;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  strokeStyle: string;
  fillStyle: string;
}
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx2D | null;
  toDataURL(type?: string): string;
}

function prepare(canvas: CanvasLike, ratio: number): Ctx2D | null {
  canvas.width = WIDTH * ratio;
  canvas.height = HEIGHT * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#111111';
  return ctx;
}

export function SignaturePad(props: { onChange: (dataUrl: string | null) => void; id?: string; prompt?: string }) {
  const id = props.id ?? 'signature';
  const canvasRef = useRef<CanvasLike | null>(null);
  const ctxRef = useRef<Ctx2D | null>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const strokes = useRef(0);
  const [signed, setSigned] = useState(false);

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      const c = canvasRef.current;
      if (c) ctxRef.current = prepare(c, 2);
      return;
    }
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasLike } | null>) => {
          const node = res[0]?.node;
          if (!node) return;
          canvasRef.current = node;
          ctxRef.current = prepare(node, Taro.getSystemInfoSync().pixelRatio || 2);
        });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the canvas is looked up once, by its fixed id
  }, []);

  const start = (x: number, y: number) => {
    last.current = { x, y };
  };
  const move = (x: number, y: number) => {
    const ctx = ctxRef.current;
    if (!ctx || !last.current) return;
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(x, y);
    ctx.stroke();
    last.current = { x, y };
    strokes.current++;
  };
  const end = () => {
    last.current = null;
    if (strokes.current > 5 && canvasRef.current) {
      setSigned(true);
      props.onChange(canvasRef.current.toDataURL('image/png'));
    }
  };
  const clear = () => {
    if (canvasRef.current) ctxRef.current = prepare(canvasRef.current, process.env.TARO_ENV === 'h5' ? 2 : Taro.getSystemInfoSync().pixelRatio || 2);
    strokes.current = 0;
    setSigned(false);
    props.onChange(null);
  };

  return (
    <View className='signature'>
      {process.env.TARO_ENV === 'h5' ? (
        <canvas
          id={id}
          className='signature-canvas'
          style={{ width: `${WIDTH}px`, height: `${HEIGHT}px`, touchAction: 'none' }}
          ref={(el) => {
            canvasRef.current = el as unknown as CanvasLike | null;
          }}
          onPointerDown={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            e.currentTarget.setPointerCapture(e.pointerId);
            start(e.clientX - r.left, e.clientY - r.top);
          }}
          onPointerMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            move(e.clientX - r.left, e.clientY - r.top);
          }}
          onPointerUp={end}
        />
      ) : (
        <Canvas
          type='2d'
          id={id}
          className='signature-canvas'
          style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}
          disableScroll
          onTouchStart={(e) => start(e.touches[0].x, e.touches[0].y)}
          onTouchMove={(e) => move(e.touches[0].x, e.touches[0].y)}
          onTouchEnd={end}
        />
      )}
      <View className='signature-bar'>
        <Text className='muted'>{signed ? '已签名' : (props.prompt ?? '请授权人在框内手写签名')}</Text>
        <Text className='link' onClick={clear}>
          重写
        </Text>
      </View>
    </View>
  );
}
