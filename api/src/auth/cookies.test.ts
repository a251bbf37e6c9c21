import { describe, expect, it } from 'vitest'
import { readCookie, serializeCookie } from './cookies'

const TOKEN = 'AbC-_0123456789abcdefghijklmnopqrstuvwxyzAB'

describe('readCookie', () => {
  it('finds a cookie among others', () => {
    expect(readCookie(`theme=dark; tg_session=${TOKEN}; other=1`, 'tg_session')).toBe(TOKEN)
    expect(readCookie(`tg_session=${TOKEN}`, 'tg_csrf')).toBeUndefined()
  })

  it('ignores a cookie sent twice, a value not of our form, an oversized header and arrays', () => {
    expect(readCookie(`tg_session=${TOKEN}; tg_session=${TOKEN}x`, 'tg_session')).toBeUndefined()
    expect(readCookie('tg_session="quoted"', 'tg_session')).toBeUndefined()
    expect(readCookie('tg_session=a%20b', 'tg_session')).toBeUndefined()
    expect(readCookie(`${'x=1; '.repeat(2000)}tg_session=${TOKEN}`, 'tg_session')).toBeUndefined()
    expect(readCookie([`tg_session=${TOKEN}`], 'tg_session')).toBeUndefined()
    expect(readCookie(undefined, 'tg_session')).toBeUndefined()
  })

  it('stops after 64 pairs', () => {
    expect(readCookie(`${'a=1;'.repeat(63)}tg_session=${TOKEN}`, 'tg_session')).toBe(TOKEN)
    expect(readCookie(`${'a=1;'.repeat(64)}tg_session=${TOKEN}`, 'tg_session')).toBeUndefined()
  })
})

describe('serializeCookie', () => {
  it('always sets Path=/ and SameSite=Strict, HttpOnly and Secure on request', () => {
    expect(serializeCookie('tg_session', TOKEN, { maxAgeSeconds: 60, httpOnly: true, secure: true })).toBe(
      `tg_session=${TOKEN}; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure`,
    )
    expect(serializeCookie('tg_csrf', '', { maxAgeSeconds: 0, httpOnly: false, secure: false })).toBe(
      'tg_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    )
  })

  it('refuses a value that would need escaping', () => {
    expect(() => serializeCookie('x', 'a;b', { maxAgeSeconds: 1, httpOnly: true, secure: false })).toThrow()
  })
})
