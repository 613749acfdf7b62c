import type { Bundle } from '../../i18n';

export const messages: Bundle = {
  th: {
    title: 'เข้าสู่ระบบ',
    lead: 'ใช้บัตรประชาชนดิจิทัล (ThaID) ยืนยันตัวตน ระบบไม่เก็บเลขประจำตัวประชาชนของท่านเป็นข้อความ',
    errors: {
      access_denied: 'ท่านยกเลิกการเข้าสู่ระบบ',
      invalid_pid: 'ผู้ให้บริการยืนยันตัวตนไม่ได้ส่งเลขประจำตัวประชาชนที่ถูกต้อง',
      no_sign_in_in_progress: 'การเข้าสู่ระบบหมดเวลา กรุณาเริ่มใหม่',
      default: 'เข้าสู่ระบบไม่สำเร็จ กรุณาลองใหม่',
    },
  },
  en: {
    title: 'Sign in',
    lead: 'Prove who you are with your digital ID (ThaID). Your national ID number is never stored as text.',
    errors: {
      access_denied: 'You cancelled signing in.',
      invalid_pid: 'The identity provider did not send a valid national ID.',
      no_sign_in_in_progress: 'Signing in timed out; please start again.',
      default: 'Signing in did not succeed; please try again.',
    },
  },
};
