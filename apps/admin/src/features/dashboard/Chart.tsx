import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, MapChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws: this module (and echarts) is loaded with the dashboard page alone.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export { echarts };

/** What a click on a chart item tells: the series, the item's index and its data. */
export interface ChartClick {
  seriesName?: string;
  dataIndex: number;
  data?: unknown;
}

/** `onItemClick`: the chart's items lead somewhere (the households behind them). */
export function Chart({
  option,
  height = 300,
  testId,
  onItemClick,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
  onItemClick?: (p: ChartClick) => void;
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      lazyUpdate
      style={{ height, width: '100%' }}
      data-testid={testId}
      onEvents={onItemClick ? { click: onItemClick } : undefined}
    />
  );
}
