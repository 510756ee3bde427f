// What the model's citizens write: Vietnamese names, subjects and contents, in NFC or NFD, and the
// people who write them, each distinct (so a plaintext found in a table belongs to exactly one person).
export type Form = "NFC" | "NFD";

export interface Person {
  readonly index: number;
  readonly fullName: string;
  /** The ways this person writes the same phone number: one sender for the product. */
  readonly phones: readonly string[];
  readonly email?: string;
  readonly nationalId?: string;
  readonly address?: string;
}

const families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const middles = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu"];
// No given name is the start of another followed by a space, so no name is a part of another.
const givens = [
  "Lan", "Hùng", "Mai", "Tuấn", "Hương", "Dũng", "Phượng", "Khoa", "Nghĩa", "Thảo", "Đức", "Yến", "Lộc",
  "Tường", "Bích", "Cường", "Diệp", "Giang", "Hạnh", "Khải", "Luyến", "Mẫn", "Nhạn", "Oanh", "Quyết",
];

/** The i-th person of a scenario: every field distinct from every other person's. */
export function personFor(i: number): Person {
  const fullName = `${families[(i + Math.floor(i / givens.length)) % families.length]} ${middles[i % middles.length]} ${givens[i % givens.length]}`;
  const local = String(10_000_000 + ((i * 7_919 + 1_234_567) % 90_000_000)).slice(-8);
  const digits = `09${local}`;
  return {
    index: i,
    fullName,
    // 0912345678, 0912 345 678, +84912345678 and 84912345678 are one number.
    phones: [digits, `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`, `+84${digits.slice(1)}`, `84${digits.slice(1)}`],
    ...(i % 3 !== 2 && { email: `cong.dan.${i}@example.vn` }),
    ...(i % 2 === 0 && { nationalId: `0791${String(10_000_000 + ((i * 104_729) % 90_000_000)).slice(-8)}` }),
    ...(i % 4 !== 3 && { address: `Số ${i + 11} đường Trần Hưng Đạo, phường Vĩnh Hậu, tỉnh An Giang` }),
  };
}

export const subjects = [
  "Khiếu nại về mức bồi thường khi thu hồi đất",
  "Tố cáo cán bộ địa chính nhận tiền trái phép",
  "Kiến nghị sửa chữa đường liên xã bị sạt lở",
  "Phản ánh tình trạng xả rác thải ra kênh thủy lợi",
  "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất",
  "Tố cáo việc chia nhỏ gói thầu xây trường học",
] as const;

export const contents = [
  "Gia đình tôi không đồng ý với quyết định thu hồi đất và mức bồi thường đã niêm yết tại ủy ban xã.",
  "Cán bộ tư pháp xã thu thêm phí chứng thực không có biên lai trong nhiều tháng liền, đề nghị làm rõ.",
  "Đoạn đường từ chợ Vĩnh Hậu đến trường tiểu học hư hỏng nặng sau mùa mưa lũ, xe cộ đi lại rất khó khăn.",
] as const;

/** A subject written again by the same sender: the same matter after NFC, case folding and collapsing spaces. */
export function subjectVariant(subject: string, variant: number): string {
  switch (variant % 4) {
    case 0:
      return subject;
    case 1:
      return subject.toUpperCase();
    case 2:
      return `  ${subject.replaceAll(" ", "   ")} `;
    default:
      return subject.toLowerCase().normalize("NFD");
  }
}

export const inForm = (text: string, form: Form): string => text.normalize(form);

/** Each text of a record as the product stores it: in NFC, however it was typed. */
export const inNfc = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === "string" ? v.normalize("NFC") : v])) as T;

/** The digits of a phone number as the product must read it: +84 and 84 are a leading 0. */
export function normalisedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("84") && digits.length === 11 ? `0${digits.slice(2)}` : digits;
}

/** The same matter (DOMAIN.md "Repeat filings"): NFC, case folding, spaces collapsed. */
export const matterKey = (subject: string): string => subject.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

/** Every spelling under which a plaintext value could be stored: as sent, in either normal form, and a phone by its digits. */
export function spellings(value: string): string[] {
  const out = new Set([value, value.normalize("NFC"), value.normalize("NFD")]);
  if (/^\+?[0-9][0-9 .-]+$/.test(value)) out.add(normalisedPhone(value));
  return [...out];
}
