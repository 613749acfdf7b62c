// The local provider's own sign-in page, in Thai first. It stands in for the national digital-ID app
// in development, tests and the demo: a person picks a sample identity or types a national ID.
export interface DevPerson {
  pid: string;
  name: string;
  /** What the sample person is for in the demo (shown on the page). */
  note?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loginPage(opts: { uid: string; people: readonly DevPerson[]; error?: string }): string {
  const people = opts.people
    .map(
      (p) => `<li><form method="post" action="/interaction/${esc(opts.uid)}/login">
  <input type="hidden" name="pid" value="${esc(p.pid)}"><input type="hidden" name="name" value="${esc(p.name)}">
  <button type="submit"><span class="name">${esc(p.name)}</span>${p.note ? `<span class="note">${esc(p.note)}</span>` : ''}<span class="pid">เลขประจำตัว ···${esc(p.pid.slice(-4))}</span></button>
</form></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>เข้าสู่ระบบด้วยบัตรประชาชนดิจิทัล (ผู้ให้บริการทดสอบ)</title>
<style>
body{font-family:system-ui,"Noto Sans Thai",sans-serif;margin:0;background:#f4f6f8;color:#1b1f24;line-height:1.5}
main{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0}
.banner{background:#fff4d6;border:1px solid #c99a00;padding:.6rem .8rem;border-radius:.4rem;font-size:.95rem}
ul{list-style:none;padding:0}
li{margin:.5rem 0}
button{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #5a6570;border-radius:.5rem;background:#fff;font:inherit;cursor:pointer;display:flex;flex-direction:column}
button:focus{outline:3px solid #0b57d0;outline-offset:2px}
.name{font-weight:600}.note,.pid{font-size:.9rem;color:#3d4650}
label{display:block;margin-top:.75rem;font-weight:600}
input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #5a6570;border-radius:.4rem;font:inherit}
.error{color:#a50e0e;font-weight:600}
.submit{margin-top:1rem;background:#0b57d0;color:#fff;border-color:#0b57d0;text-align:center;display:block}
</style></head>
<body><main>
<h1>เข้าสู่ระบบด้วยบัตรประชาชนดิจิทัล</h1>
<p class="banner" lang="th">ผู้ให้บริการยืนยันตัวตนทดสอบ สำหรับการพัฒนาและสาธิตเท่านั้น — ไม่ใช่ระบบ ThaID จริง
<br><span lang="en">Local test identity provider for development and demos only — not the real ThaID.</span></p>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<h2>เลือกบุคคลตัวอย่าง</h2>
<ul>${people}</ul>
<h2>หรือระบุเลขประจำตัวประชาชน</h2>
<form method="post" action="/interaction/${esc(opts.uid)}/login">
<label for="pid">เลขประจำตัวประชาชน 13 หลัก</label>
<input type="text" id="pid" name="pid" inputmode="numeric" autocomplete="off" required maxlength="20">
<label for="name">ชื่อ–นามสกุล</label>
<input type="text" id="name" name="name" autocomplete="name" required maxlength="200">
<button type="submit" class="submit">เข้าสู่ระบบ</button>
</form>
</main></body></html>`;
}
