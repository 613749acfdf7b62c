export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export function fixedClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A clock running `offset` ms from another, the offset changeable (the demo writes its sample history as of yesterday). */
export function offsetClock(base: Clock): Clock & { setOffset(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    setOffset: (ms) => {
      offset = ms;
    },
  };
}
