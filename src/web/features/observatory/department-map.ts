// Pure helpers of the department map (DepartmentMap.tsx): outline bounding boxes and the colour classes.

export type Box = [minX: number, minY: number, maxX: number, maxY: number];

/** ColorBrewer YlGnBu (colour-blind safe), light to dark, without its palest step (too close to the page). */
export const palette = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'];

/** Bounding box of an svg-maps path, which only uses relative moves ("m", then implicit lines) and "z". */
export function pathBox(d: string, box: Box): Box {
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let subpathStart = false;
  const tokens = d.match(/[mz]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'm') subpathStart = true;
    else if (tokens[i] === 'z') [x, y] = [startX, startY];
    else {
      x += Number(tokens[i]);
      y += Number(tokens[++i]);
      if (subpathStart) [startX, startY, subpathStart] = [x, y, false];
      box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
    }
  }
  return box;
}

/** The viewBox framing some outlines with a 3 % margin, and the width it spans (for sizing the hatching). */
export function zoomBox(paths: string[]): { viewBox: string; width: number } {
  if (!paths.length) return { viewBox: '0 0 613 585', width: 613 };
  const [minX, minY, maxX, maxY] = paths.reduce<Box>(
    (box, d) => pathBox(d, box),
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
  );
  const pad = Math.max(maxX - minX, maxY - minY) * 0.03;
  return {
    viewBox: [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad]
      .map((n) => n.toFixed(1))
      .join(' '),
    width: maxX - minX,
  };
}

/** Six bounds of five equal classes, from the lowest share (rounded down) to the highest (rounded up). */
export function classBounds(values: number[]): number[] {
  const low = Math.floor(Math.min(...values));
  const high = Math.max(low + 1, Math.ceil(Math.max(...values)));
  return Array.from({ length: 6 }, (_, i) => Math.round((low + (i * (high - low)) / 5) * 10) / 10);
}
export const classOf = (v: number, bounds: number[]) => {
  let i = 0;
  while (i < 4 && v >= bounds[i + 1]) i++;
  return i;
};
