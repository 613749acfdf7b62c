// The local provider keeps its grants, codes and sessions in memory on purpose: it is a stand-in for
// the national digital ID, restarted with the demo. An explicit adapter says so (instead of the
// library's warning about its quick-start store).
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Stored {
  payload: AdapterPayload;
  expiresAt: number;
}

/** One store per provider instance (tests run several providers in one process). */
export function devMemoryAdapter(): (model: string) => Adapter {
  const stores = new Map<string, Map<string, Stored>>();
  return (model) => {
    let items = stores.get(model);
    if (!items) {
      items = new Map();
      stores.set(model, items);
    }
    return new DevMemoryAdapter(items);
  };
}

class DevMemoryAdapter implements Adapter {
  constructor(private readonly items: Map<string, Stored>) {}
  private live(id: string): AdapterPayload | undefined {
    const s = this.items.get(id);
    if (!s) return undefined;
    if (s.expiresAt < Date.now()) {
      this.items.delete(id);
      return undefined;
    }
    return s.payload;
  }
  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.items.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.live(id);
  }
  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    for (const [id, s] of this.items) if (s.payload.userCode === userCode) return this.live(id);
    return undefined;
  }
  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [id, s] of this.items) if (s.payload.uid === uid) return this.live(id);
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const s = this.items.get(id);
    if (s) s.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    this.items.delete(id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, s] of this.items) if (s.payload.grantId === grantId) this.items.delete(id);
  }
}
