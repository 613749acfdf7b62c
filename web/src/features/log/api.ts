// The public log as the browser reads it: the verifier key, the checkpoint (and when it was
// signed), inclusion proofs and entry bundles. Nothing here is trusted: check.ts verifies it all.
import { api, fetchFile, unwrap } from '../../api/client';

export const getVerifierKey = () => unwrap(api.GET('/log/key', { parseAs: 'text' }));

export async function getCheckpoint(): Promise<{ note: string; signedAt: string | null }> {
  let signedAt: string | null = null;
  const note = await unwrap(
    api.GET('/log/checkpoint', { parseAs: 'text' }).then((r) => {
      signedAt = r.response.headers.get('last-modified');
      return r;
    }),
  );
  return { note, signedAt };
}

export const getInclusion = (index: number, size: number) => unwrap(api.GET('/api/v1/log/inclusion', { params: { query: { index, size } } }));
export type Inclusion = Awaited<ReturnType<typeof getInclusion>>;

export const getBytes = async (path: string) => new Uint8Array(await (await fetchFile(path)).arrayBuffer());

export const getIndicator = (code: string) => unwrap(api.GET('/api/v1/indicators/{code}', { params: { path: { code } } }));
export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));
