// How far the JavaScript heap may grow past what is live before V8 collects it fully. V8 chooses
// the factor itself, up to 4× for a heap that collects fast, so a long file import (about 40 MB
// live, several MB of short-lived rows promoted every chunk) let its heap reach 160–180 MB between
// full collections and the process 350–375 MB: over the 300 MB a server of the pilot should need
// (issue 9). At 1.5× a million-row import peaks at 260 MB (300 MB at 2×) and takes no longer: its
// live set is small and marking runs concurrently. The flag is process-wide, so only the server's
// entry point (and the bench that stands in for its import runner) sets it, never the library.
import { setFlagsFromString } from 'node:v8';

/** Default of KHWAMDEE_HEAP_GROWTH_PERCENT: the heap may reach 1.5 × its live size. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/** `percent` 0 leaves V8 its own choice; otherwise the heap may grow to (1 + percent/100) × live. */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 300) throw new RangeError(`heap growth percent must be an integer 0–300, got ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
