// Point functions: ST_X, ST_Y and ST_DISTANCE (great-circle metres for geo points, Euclidean for cartesian ones).
import { typeError } from '../compiled.ts';
import { parsePoint } from '../convert.ts';
import { coerce, scalarCall } from '../helpers.ts';
import type { EsqlType } from '../types.ts';
import { checkArity, type FunctionCompiler } from './shared.ts';

/** Elasticsearch's mean Earth radius for arc distances (GeoUtils.EARTH_MEAN_RADIUS). */
const EARTH_MEAN_RADIUS = 6371008.7714;

function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRadians = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRadians;
  const dLon = (lon2 - lon1) * toRadians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRadians) * Math.cos(lat2 * toRadians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(a)));
}

function pointType(type: EsqlType): EsqlType {
  return type === 'cartesian_point' ? 'cartesian_point' : 'geo_point';
}

function coordinate(index: 0 | 1): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    const point = coerce(args[0]!, pointType(args[0]!.type), call.args[0]!.span);
    return scalarCall(context, call.span, [point], 'double', (wkt) => parsePoint(wkt as string)[index]);
  };
}

const stDistance: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const type = pointType(args[0]!.type === 'unknown' ? args[1]!.type : args[0]!.type);
  const left = coerce(args[0]!, type, call.args[0]!.span);
  const right = coerce(args[1]!, type, call.args[1]!.span);
  if (left.type !== right.type) throw typeError(call.span, 'ST_DISTANCE needs two points of the same type');
  return scalarCall(context, call.span, [left, right], 'double', (a, b) => {
    const [x1, y1] = parsePoint(a as string);
    const [x2, y2] = parsePoint(b as string);
    return type === 'geo_point' ? haversine(x1, y1, x2, y2) : Math.hypot(x2 - x1, y2 - y1);
  });
};

export const geoFunctions: Record<string, FunctionCompiler> = {
  st_x: coordinate(0),
  st_y: coordinate(1),
  st_distance: stDistance,
};
