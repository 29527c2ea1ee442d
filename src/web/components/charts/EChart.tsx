/**
 * ECharts through its modular core: only the charts and components registered here are bundled, and only screens
 * loaded lazily import this file, so the public landing page never downloads ECharts.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  type AriaComponentOption, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from '../../theme';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | AriaComponentOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

export interface ChartClick { name: string; seriesName?: string; seriesIndex?: number; dataIndex: number }

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the chart also describes its data through ECharts' aria). */
  label: string;
  onClick?: (e: ChartClick) => void;
  height?: number;
}

export function EChart({ option, label, onClick, height = 300 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ name: p.name, seriesName: p.seriesName, seriesIndex: p.seriesIndex, dataIndex: p.dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, textStyle: { fontFamily: theme.token?.fontFamily }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
