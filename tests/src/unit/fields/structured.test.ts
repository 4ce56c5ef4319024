import { fieldType } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, fromText, refusal, stored, toText, validator } from './support';

describe('address', () => {
  const xihu = { province: '330000', city: '330100', district: '330106', detail: '文三路 90 号' };

  it('takes codes or names and stores codes', () => {
    expect(stored('address', { ...xihu })).toEqual(xihu);
    expect(
      stored('address', { province: '浙江省', city: '杭州', district: '西湖区', detail: ' 文三路 90 号 ' }),
    ).toEqual(xihu);
    expect(
      stored('address', { province: 330000, city: 330100, district: 330106, detail: '文三路 90 号' }),
    ).toEqual(xihu);
  });

  it('implies the city of a municipality', () => {
    expect(stored('address', { province: '北京', district: '朝阳区' })).toEqual({
      province: '110000',
      city: '110100',
      district: '110105',
    });
  });

  it('refuses regions that do not exist or do not nest', () => {
    expect(refusal('address', { province: '浙江', city: '南京', district: '玄武区' })).toBe(
      '"南京" is not a city in 浙江省.',
    );
    expect(refusal('address', { province: '330000', city: '330100', district: '320102' })).toBe(
      '"320102" is not a district of 杭州市.',
    );
    expect(refusal('address', { province: 'Atlantis' })).toBe('"Atlantis" is not a province.');
    expect(refusal('address', { province: '浙江', city: '杭州' })).toBe(
      'Choose the province, city and district.',
    );
  });

  it('stops at the configured level and can leave out the street', () => {
    expect(
      stored('address', { province: '浙江', city: '杭州', district: '西湖区' }, { level: 'city' }),
    ).toEqual({
      province: '330000',
      city: '330100',
    });
    expect(refusal('address', { ...xihu }, { withDetail: false })).toMatch(/Only the region/);
    const validate = validator(
      fieldType('address').valueSchema(def('address', { level: 'city', withDetail: false })),
    );
    expect(validate({ province: '330000', city: '330100' })).toBe(true);
    expect(validate({ province: '330000', city: '330100', district: '330106' })).toBe(false);
  });

  it('reads and writes text with names', () => {
    expect(toText('address', xihu)).toBe('浙江省 杭州市 西湖区 文三路 90 号');
    expect(fromText('address', '浙江杭州西湖区文三路 90 号')).toEqual({ ok: true, value: xihu });
    expect(fromText('address', '北京市朝阳区建国路1号')).toEqual({
      ok: true,
      value: { province: '110000', city: '110100', district: '110105', detail: '建国路1号' },
    });
    expect(fromText('address', '内蒙古 呼和浩特 新城区').ok).toBe(true);
    expect(fromText('address', '火星 1 号')).toEqual({
      ok: false,
      message: 'Start the address with the province, e.g. 浙江省 杭州市 西湖区.',
    });
  });
});

describe('location', () => {
  it('stores longitude and latitude rounded to 6 decimals', () => {
    expect(stored('location', { lng: '120.1550701', lat: 30.27408449, address: ' 西湖店 ' })).toEqual({
      lng: 120.15507,
      lat: 30.274084,
      address: '西湖店',
    });
    expect(stored('location', '120.15507，30.274084')).toEqual({ lng: 120.15507, lat: 30.274084 });
  });

  it('refuses coordinates out of range', () => {
    expect(refusal('location', { lng: 181, lat: 0 })).toBe('Longitude must be between -180 and 180.');
    expect(refusal('location', { lng: 0, lat: -91 })).toBe('Latitude must be between -90 and 90.');
    expect(refusal('location', { lng: 'east', lat: 0 })).toMatch(/Pick a point/);
  });
});

describe('member and department', () => {
  it('stores one id, or a list when multiple', () => {
    expect(stored('member', 'usr_4k9x2m7q1c8d5t3v')).toBe('usr_4k9x2m7q1c8d5t3v');
    expect(stored('member', { id: 'usr_4k9x2m7q1c8d5t3v', name: '王丽' })).toBe('usr_4k9x2m7q1c8d5t3v');
    expect(stored('member', ['usr_aaaa1111', 'usr_bbbb2222', 'usr_aaaa1111'], { multiple: true })).toEqual([
      'usr_aaaa1111',
      'usr_bbbb2222',
    ]);
    expect(refusal('member', ['usr_aaaa1111', 'usr_bbbb2222'])).toBe('Choose only one member.');
    expect(refusal('department', 'After-sales')).toBe('This does not identify a department.');
  });

  it('reads lists from text', () => {
    expect(fromText('member', 'usr_aaaa1111; usr_bbbb2222', { multiple: true })).toEqual({
      ok: true,
      value: ['usr_aaaa1111', 'usr_bbbb2222'],
    });
  });
});

describe('attachment, image and signature', () => {
  const pdf = { fileId: 'fil_1', name: 'estimate.pdf', size: 1024, mime: 'application/pdf' };
  const jpg = { fileId: 'img_1', name: 'front.jpg', size: 2048, mime: 'IMAGE/JPEG' };

  it('keeps file references and drops double uploads', () => {
    expect(stored('attachment', [pdf, pdf])).toEqual([pdf]);
    expect(stored('image', [jpg])).toEqual([{ ...jpg, mime: 'image/jpeg' }]);
  });

  it('enforces count, size and type limits', () => {
    expect(refusal('attachment', [pdf, { ...pdf, fileId: 'fil_2' }], { maxFiles: 1 })).toBe(
      'Attach at most 1 files.',
    );
    expect(refusal('attachment', [{ ...pdf, size: 3 * 1024 * 1024 }], { maxSizeMb: 2 })).toBe(
      'estimate.pdf is larger than 2 MB.',
    );
    expect(refusal('image', [pdf])).toBe('estimate.pdf is not an accepted kind of file.');
    expect(stored('attachment', [jpg], { accept: ['image/*'] })).toHaveLength(1);
    expect(refusal('attachment', [{ ...pdf, name: 'a\nb' }])).toMatch(/control characters/);
    expect(refusal('attachment', [{ name: 'x.pdf' }])).toMatch(/id is missing/);
  });

  it('writes one readable line per file and reads it back', () => {
    const files = [pdf, { ...pdf, fileId: 'fil_2', name: 'photo [1].png', mime: 'image/png' }];
    const text = toText('attachment', files);
    expect(text).toBe(
      'estimate.pdf [fil_1, 1024 bytes, application/pdf]\nphoto [1].png [fil_2, 1024 bytes, image/png]',
    );
    expect(fromText('attachment', text)).toEqual({ ok: true, value: files });
    expect(fromText('attachment', 'just a name').ok).toBe(false);
  });

  it('stores a signature as its file id', () => {
    expect(stored('signature', { fileId: 'sig_1' })).toEqual({ fileId: 'sig_1' });
    expect(refusal('signature', { fileId: '../etc/passwd' })).toBe(
      'Sign again; the signature was not saved.',
    );
  });
});

describe('email and url', () => {
  it('lower-cases the email domain and checks the form', () => {
    expect(stored('email', ' Wang.Li@Example.CN ')).toBe('Wang.Li@example.cn');
    for (const bad of ['wang', 'wang@', '@example.cn', 'wang@example', 'wang li@example.cn', 'a@b..cn'])
      expect(refusal('email', bad), bad).toMatch(/email address/);
  });

  it('keeps http(s) links only, adding https:// to bare domains', () => {
    expect(stored('url', 'www.autohome.com.cn')).toBe('https://www.autohome.com.cn/');
    expect(stored('url', 'HTTP://Dealer.Example.com/ro?id=7')).toBe('http://dealer.example.com/ro?id=7');
    for (const bad of [
      'javascript:alert(1)',
      'ftp://example.com/x',
      'data:text/html,hi',
      'not a link',
      'file:///etc/passwd',
    ])
      expect(refusal('url', bad), bad).toMatch(/http:\/\/ or https:\/\//);
  });
});
