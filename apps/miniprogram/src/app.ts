import { type PropsWithChildren } from 'react';
import { fitRootFontSize } from './h5-root-size';
import './app.scss';

if (process.env.TARO_ENV === 'h5') fitRootFontSize();

function App({ children }: PropsWithChildren) {
  return children;
}
export default App;
