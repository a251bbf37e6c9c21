import { describe, expect, it } from 'vitest'
import { sdkSnippet, shellWord } from './snippet'

describe('sdkSnippet', () => {
  it('fills the README’s two lines with the endpoint and the key', () => {
    expect(sdkSnippet('http://127.0.0.1:4318', 'tg_ingest_AbCd1234_xyz-9')).toBe(
      'TOLLGATE_ENDPOINT=http://127.0.0.1:4318 TOLLGATE_API_KEY=tg_ingest_AbCd1234_xyz-9 \\\n' +
        '  node --import @tollgate/sdk/register server.js',
    )
  })

  it('quotes a value the shell would split or expand', () => {
    expect(sdkSnippet('https://tollgate.example.com', "it's $HOME").split('\n')[0]).toBe(
      "TOLLGATE_ENDPOINT=https://tollgate.example.com TOLLGATE_API_KEY='it'\\''s $HOME' \\",
    )
  })
})

describe('shellWord', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellWord('tg_ingest_x-Y.z')).toBe('tg_ingest_x-Y.z')
    expect(shellWord('a b')).toBe("'a b'")
    expect(shellWord('')).toBe("''")
  })
})
