// The public statistics, read through the typed client (no sign-in).
import { api, unwrap } from '../../api/client';

export const getYear = (year: number | undefined) => unwrap(api.GET('/api/v1/stats', { params: { query: year === undefined ? {} : { year } } }));
export const getYears = () => unwrap(api.GET('/api/v1/stats/years'));

export type YearStats = Awaited<ReturnType<typeof getYear>>;
export type YearsStats = Awaited<ReturnType<typeof getYears>>;
export type Cell = YearStats['national'];
export type ProvinceStats = YearStats['provinces'][number];
