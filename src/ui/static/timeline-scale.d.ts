// Types of timeline-scale.js for the TypeScript tests (the browser loads the .js as it is).
export interface TimelineBreak {
  start: number;
  end: number;
  x0: number;
  x1: number;
}
export interface TimelineScale {
  range: [number, number];
  breaks: TimelineBreak[];
  compressed: boolean;
  x(time: number): number;
}
export const GAP_FACTOR: number;
export const MIN_GAP_MS: number;
export const MAX_BREAKS: number;
export const BREAK_SHARE: number;
export const MAX_BREAKS_SHARE: number;
export const MIN_IDLE_SHARE: number;
export function linearScale(range: [number, number]): TimelineScale;
export function compressedScale(intervals: Array<[number, number, string]>, range: [number, number] | null): TimelineScale | null;
export function axisTicks(scale: TimelineScale): Array<{ at: number; offsetMs: number }>;
export const READABLE_PX: number;
export const TIMELINE_PX: number;
export function medianBarPx(intervals: Array<[number, number, string]>, scale: TimelineScale, px?: number): number;
export function viewWindow(intervals: Array<[number, number, string]>): [number, number] | null;
