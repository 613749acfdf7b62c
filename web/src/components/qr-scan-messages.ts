import type { Bundle } from '../i18n';

export const messages: Bundle = {
  th: {
    camera: 'สแกน QR ด้วยกล้อง',
    photo: 'เลือกรูปภาพ QR',
    stop: 'ปิดกล้อง',
    starting: 'กำลังเปิดกล้อง…',
    aim: 'เล็งกล้องไปที่ QR ให้เต็มกรอบ',
    reading: 'กำลังอ่าน QR จากรูป…',
    read: 'อ่าน QR ได้แล้ว',
    preview: 'ภาพจากกล้อง',
    noCamera: 'เปิดกล้องไม่ได้ในอุปกรณ์นี้ — เลือกรูปภาพ QR หรือพิมพ์แทน',
    denied: 'ไม่ได้รับอนุญาตให้ใช้กล้อง — อนุญาตในเบราว์เซอร์ หรือเลือกรูปภาพ QR แทน',
    noQr: 'ไม่พบ QR ในรูปนี้ — ถ่ายใหม่ให้ QR ชัดและเต็มภาพ',
    badImage: 'เปิดไฟล์นี้เป็นรูปภาพไม่ได้',
    loadFailed: 'โหลดตัวอ่าน QR ไม่ได้ กรุณาตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง',
  },
  en: {
    camera: 'Scan the QR with the camera',
    photo: 'Choose a photo of the QR',
    stop: 'Turn the camera off',
    starting: 'Starting the camera…',
    aim: 'Point the camera at the QR code so that it fills the frame',
    reading: 'Reading the QR code in the photo…',
    read: 'QR code read',
    preview: 'Camera view',
    noCamera: 'The camera cannot be used on this device — choose a photo of the QR or type instead',
    denied: 'The camera was not allowed — allow it in the browser, or choose a photo of the QR instead',
    noQr: 'No QR code found in this photo — take it again with the QR sharp and filling the picture',
    badImage: 'This file cannot be opened as a picture',
    loadFailed: 'The QR reader could not be loaded; check the internet connection and try again',
  },
};
