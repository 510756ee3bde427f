// LOCAL ONLY: demo data on the first start of the local runtime: the demo units, and ~25 cases in
// Vietnamese across kinds, statuses and units, back-dated so that some are approaching, overdue or
// prolonged. Every case goes through the domain's own use cases (register, then actions with a past
// effectiveAt, by the demo staff), so each has a valid audit chain. Skipped once any unit exists.
import { intakeDeps, referenceStore } from "#adapters/context.ts";
import { performAction } from "#domain/case-actions.ts";
import type { Unit } from "#domain/reference.ts";
import { registerCase } from "#domain/staff-cases.ts";
import type { Principal } from "#domain/access.ts";
import type { ActionName } from "#domain/workflow.ts";
import { localDemoStaff } from "../shared/staff-pool.ts";

export const demoRegistry: readonly Unit[] = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", remoteArea: false },
  { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú", remoteArea: false },
  { unitId: "ubnd-xa-vinh-hau", name: "UBND xã Vĩnh Hậu", parentId: "ubnd-huyen-an-phu", remoteArea: true },
];

type Kind = "complaint" | "denunciation" | "petition" | "reflection";
type Staff = (typeof localDemoStaff)[number]["username"];
type Step = readonly [daysAgo: number, by: Staff, action: ActionName, body?: Record<string, unknown>];
interface DemoCase {
  readonly kind: Kind;
  readonly subject: string;
  readonly content: string;
  /** Absent for an anonymous denunciation. */
  readonly sender?: readonly [fullName: string, phone: string];
  readonly channel: "online" | "in_person" | "mail" | "hotline" | "transfer";
  readonly receivedDaysAgo: number;
  readonly steps?: readonly Step[];
}

const S = "so-tn-mt";
const H = "ubnd-huyen-an-phu";
const X = "ubnd-xa-vinh-hau";
const handlerOf = { [S]: "handler-so-tn-mt", [H]: "handler-an-phu", [X]: "handler-vinh-hau" } as const;
const classify = (d: number, unitId: keyof typeof handlerOf, extra: Record<string, unknown> = {}): Step => [d, "reception1", "classify", { unitId, ...extra }];
const accept = (d: number): Step => [d, "reception1", "accept", { note: "Đủ điều kiện thụ lý." }];

export const demoCases: readonly DemoCase[] = [
  // Just received: within the processing period.
  { kind: "complaint", subject: "Khiếu nại quyết định xử phạt vi phạm hành chính về đất đai", content: "Tôi bị xử phạt vì xây nhà kho trên đất nông nghiệp, nhưng nhà kho đã có từ năm 2010, trước khi quy hoạch thay đổi.", sender: ["Lê Văn Tám", "0918234567"], channel: "in_person", receivedDaysAgo: 2 },
  { kind: "petition", subject: "Kiến nghị lắp đèn chiếu sáng tuyến đường liên ấp Phú Hữu", content: "Tuyến đường liên ấp dài hơn 2 km chưa có đèn, ban đêm học sinh đi học về rất nguy hiểm.", sender: ["Phạm Thị Thu", "0939111222"], channel: "online", receivedDaysAgo: 1 },
  { kind: "reflection", subject: "Phản ánh xả rác thải xuống kênh Vĩnh Hội Đông", content: "Nhiều hộ dân đổ rác sinh hoạt xuống kênh, nước bốc mùi hôi, ảnh hưởng sức khỏe người dân xung quanh.", sender: ["Nguyễn Thị Hạnh", "0907333444"], channel: "online", receivedDaysAgo: 0.2 },
  { kind: "denunciation", subject: "Tố cáo khai thác cát trái phép trên sông Hậu", content: "Ban đêm có nhiều ghe hút cát hoạt động không phép gần bến đò Vĩnh Hậu, gây sạt lở bờ sông.", channel: "hotline", receivedDaysAgo: 3 },
  { kind: "denunciation", subject: "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục", content: "Khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất, tôi bị yêu cầu nộp thêm tiền ngoài quy định.", sender: ["Huỳnh Văn Lợi", "0988777666"], channel: "mail", receivedDaysAgo: 5, steps: [classify(4, H), [3, "reception1", "extend", { stage: "processing", days: 3, reason: "Cần xác minh tại nhiều nơi: văn phòng đăng ký đất đai và UBND xã.", decisionRef: "14/QĐ-TTr" }]] },
  // Processing deadline approaching or passed.
  { kind: "petition", subject: "Kiến nghị sửa chữa cầu kênh Xáng bị xuống cấp", content: "Mặt cầu bị nứt, lan can gãy nhiều đoạn, xe máy qua lại rất nguy hiểm, nhất là mùa nước nổi.", sender: ["Trần Văn Hùng", "0917555666"], channel: "mail", receivedDaysAgo: 10, steps: [classify(9, H)] },
  { kind: "complaint", subject: "Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất", content: "Hồ sơ nộp từ tháng trước đã quá hạn giải quyết theo giấy hẹn mà chưa được trả kết quả, không có thông báo lý do.", sender: ["Đặng Thị Mai", "0909876543"], channel: "in_person", receivedDaysAgo: 12, steps: [classify(11, S)] },
  { kind: "reflection", subject: "Phản ánh tiếng ồn từ cơ sở xay xát lúa ban đêm", content: "Cơ sở xay xát hoạt động đến 2 giờ sáng, tiếng ồn lớn khiến người già và trẻ nhỏ không ngủ được.", sender: ["Võ Văn Kiệt", "0933222111"], channel: "online", receivedDaysAgo: 25, steps: [[20, "inspector1", "note", { text: "Đề nghị bộ phận tiếp nhận ưu tiên phân loại đơn này." }]] },
  { kind: "complaint", subject: "Khiếu nại việc thu hồi đất làm đường giao thông nông thôn", content: "Gia đình bị thu hồi 300 m² đất ruộng nhưng chưa nhận được quyết định thu hồi và phương án bồi thường.", sender: ["Châu Văn Lành", "0945123123"], channel: "in_person", receivedDaysAgo: 20, steps: [classify(18, X)] },
  // In progress.
  { kind: "petition", subject: "Kiến nghị nạo vét kênh thủy lợi đầu ấp", content: "Kênh bị bồi lắng, nước không vào ruộng được, vụ lúa đông xuân sắp tới có nguy cơ thiếu nước tưới.", sender: ["Trần Thị Hoa", "0907111222"], channel: "mail", receivedDaysAgo: 20, steps: [classify(19, S), accept(18)] },
  { kind: "complaint", subject: "Khiếu nại mức bồi thường cây trồng khi giải phóng mặt bằng", content: "Đơn giá bồi thường cây ăn trái thấp hơn nhiều so với giá thị trường, gia đình tôi không đồng ý.", sender: ["Lý Văn Phúc", "0912345678"], channel: "in_person", receivedDaysAgo: 40, steps: [classify(38, H), accept(35)] },
  { kind: "complaint", subject: "Khiếu nại quyết định cưỡng chế tháo dỡ chòi giữ vịt", content: "Chòi giữ vịt dựng tạm trên đất của gia đình, không lấn chiếm đất công, nhưng xã ra quyết định cưỡng chế tháo dỡ.", sender: ["Nguyễn Văn Út", "0976543210"], channel: "in_person", receivedDaysAgo: 30, steps: [classify(29, X), accept(28)] },
  {
    kind: "denunciation",
    subject: "Tố cáo doanh nghiệp xả thải chưa qua xử lý ra sông",
    content: "Nhà máy chế biến thủy sản xả nước thải có màu đen, mùi hôi xuống sông vào ban đêm, cá chết hàng loạt.",
    sender: ["Tô Thị Bích", "0981234567"],
    channel: "mail",
    receivedDaysAgo: 50,
    steps: [classify(48, S, { complexity: "complex" }), accept(45), [20, "handler-so-tn-mt", "extend", { days: 30, reason: "Cần lấy mẫu nước và chờ kết quả phân tích của đơn vị quan trắc.", decisionRef: "21/QĐ-STNMT" }]],
  },
  {
    kind: "complaint",
    subject: "Khiếu nại việc không công nhận hộ cận nghèo",
    content: "Gia đình tôi đủ tiêu chí hộ cận nghèo theo quy định nhưng không có tên trong danh sách công nhận năm nay.",
    sender: ["Dương Thị Lệ", "0966111333"],
    channel: "in_person",
    receivedDaysAgo: 28,
    steps: [classify(27, S), accept(25), [10, "handler-so-tn-mt", "suspend", { reason: "Chờ kết quả rà soát của Ban chỉ đạo giảm nghèo.", decisionRef: "09/QĐ-TĐC" }]],
  },
  { kind: "petition", subject: "Kiến nghị làm đường bê tông vào tổ 5 ấp Phú Hiệp", content: "Đường đất vào tổ 5 lầy lội vào mùa mưa, xe cứu thương không vào được, người dân sẵn sàng đóng góp ngày công.", sender: ["Bùi Văn Sáu", "0919888777"], channel: "mail", receivedDaysAgo: 35, steps: [classify(34, S), accept(28)] },
  // Long overdue: prolonged.
  { kind: "petition", subject: "Kiến nghị giải quyết tình trạng sạt lở bờ sông khu dân cư", content: "Bờ sông sạt lở ngày càng sâu vào khu dân cư, đã có ba căn nhà phải di dời, đề nghị sớm có kè chống sạt lở.", sender: ["Lâm Văn Đức", "0903456789"], channel: "in_person", receivedDaysAgo: 130, steps: [classify(128, H), accept(125)] },
  { kind: "reflection", subject: "Phản ánh trạm cấp nước sinh hoạt thường xuyên mất nước", content: "Trạm cấp nước của xã mất nước liên tục nhiều ngày trong tuần, nước có lúc đục, người dân phải mua nước bình.", sender: ["Thạch Thị Sa Ri", "0939555444"], channel: "hotline", receivedDaysAgo: 95, steps: [classify(94, X), accept(93)] },
  // Decided or finished.
  { kind: "complaint", subject: "Khiếu nại việc tính tiền sử dụng đất khi chuyển mục đích", content: "Tiền sử dụng đất phải nộp khi chuyển sang đất ở được tính theo bảng giá mới, trong khi hồ sơ nộp trước khi bảng giá có hiệu lực.", sender: ["Mai Văn Tư", "0977666555"], channel: "mail", receivedDaysAgo: 60, steps: [classify(58, H), accept(55), [30, "handler-an-phu", "resolve", { outcome: "partly_upheld", decisionRef: "125/QĐ-UBND", summary: "Tính lại tiền sử dụng đất theo bảng giá tại thời điểm nộp hồ sơ hợp lệ." }]] },
  { kind: "petition", subject: "Kiến nghị bố trí điểm thu gom rác tại chợ Vĩnh Hậu", content: "Chợ chưa có điểm tập kết rác, rác bị vứt bừa bãi ra lề đường sau mỗi buổi chợ, gây mất vệ sinh.", sender: ["Phan Thị Nga", "0908765432"], channel: "online", receivedDaysAgo: 70, steps: [classify(69, S), accept(66), [45, "handler-so-tn-mt", "resolve", { outcome: "answered", decisionRef: "88/TB-STNMT", summary: "Đã bố trí xe thu gom rác hằng ngày tại chợ." }], [44, "handler-so-tn-mt", "close", {}]] },
  { kind: "complaint", subject: "Khiếu nại việc cấp phép xây dựng cho hộ liền kề", content: "Nhà hộ liền kề được cấp phép xây sát ranh, che hết lối thoát nước của gia đình tôi, gây ngập mỗi khi mưa lớn.", sender: ["Hồ Văn Nam", "0914222333"], channel: "in_person", receivedDaysAgo: 100, steps: [classify(98, H), accept(95), [50, "handler-an-phu", "resolve", { outcome: "not_upheld", decisionRef: "45/QĐ-UBND", summary: "Giấy phép xây dựng cấp đúng quy định; hướng dẫn hai hộ thỏa thuận về thoát nước." }], [48, "handler-an-phu", "close", {}]] },
  { kind: "reflection", subject: "Phản ánh tụ điểm đánh bạc tại quán cà phê", content: "Một quán cà phê đầu ấp thường xuyên tụ tập đánh bài ăn tiền, gây mất trật tự an ninh khu vực.", sender: ["Đoàn Văn Thanh", "0963777888"], channel: "hotline", receivedDaysAgo: 15, steps: [[12, "reception1", "transfer", { reason: "Thuộc thẩm quyền của cơ quan công an.", toAgency: "Công an huyện An Phú" }]] },
  { kind: "petition", subject: "Kiến nghị hỗ trợ thủ tục đăng ký kinh doanh hộ cá thể", content: "Tôi muốn đăng ký hộ kinh doanh bán tạp hóa nhưng không rõ thủ tục và cơ quan tiếp nhận hồ sơ.", sender: ["Ngô Thị Yến", "0932444555"], channel: "online", receivedDaysAgo: 8, steps: [[6, "reception1", "guide", { reason: "Hướng dẫn nộp hồ sơ tại Bộ phận một cửa UBND huyện An Phú." }]] },
  { kind: "complaint", subject: "Khiếu nại quyết định giải quyết tranh chấp đất năm 2019", content: "Tôi khiếu nại quyết định giải quyết tranh chấp đất đai ban hành năm 2019 vì cho rằng chưa đúng hiện trạng sử dụng.", sender: ["Cao Văn Được", "0947333222"], channel: "mail", receivedDaysAgo: 18, steps: [[15, "reception1", "reject", { reason: "Đơn khiếu nại đã quá thời hiệu khiếu nại theo Điều 9 Luật Khiếu nại 2011." }]] },
  { kind: "denunciation", subject: "Tố cáo việc chia đất công không đúng đối tượng", content: "Có người nói đất công ven kênh được chia cho người thân cán bộ ấp, không công khai cho dân biết.", channel: "online", receivedDaysAgo: 22, steps: [[20, "reception1", "archive", { reason: "Đơn không rõ người tố cáo; lưu làm thông tin tham khảo." }]] },
  { kind: "complaint", subject: "Khiếu nại việc thu phí vệ sinh không đúng quy định", content: "Tổ thu gom rác thu phí vệ sinh cao hơn mức thu được Hội đồng nhân dân tỉnh quy định.", sender: ["Kiều Thị Loan", "0918999000"], channel: "in_person", receivedDaysAgo: 45, steps: [classify(44, S), accept(40), [10, "reception1", "withdraw", { reason: "Người khiếu nại đã được hoàn lại tiền và rút đơn." }]] },
];

const DAY_MS = 86_400_000;

function actorOf(username: Staff): Principal {
  const staff = localDemoStaff.find((s) => s.username === username);
  if (!staff) throw new Error(`no demo staff ${username}`);
  return { userId: `demo-${staff.username}`, username: staff.username, role: staff.role, ...(staff.unitId && { unitId: staff.unitId }) };
}

async function seedCase(c: DemoCase, now: number, deps: Awaited<ReturnType<typeof intakeDeps>>): Promise<void> {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS - 60_000).toISOString();
  const receipt = await registerCase(
    {
      kind: c.kind,
      subject: c.subject,
      content: c.content,
      ...(c.sender && { submitter: { fullName: c.sender[0], phone: c.sender[1] } }),
      channel: c.channel,
      language: "vi",
      receivedAt: at(c.receivedDaysAgo),
    },
    actorOf("reception1"),
    deps,
  );
  let version = 1;
  for (const [daysAgo, by, action, body] of c.steps ?? []) {
    const view = await performAction(
      { caseId: receipt.caseId, action, body: { ...body, effectiveAt: at(daysAgo) }, ifMatch: `"${version}"`, actor: actorOf(by) },
      deps,
    );
    version = view.version;
  }
}

/** Seeds once: nothing when the registry already exists. Answers the line to log, or undefined. */
export async function seedDemoData(): Promise<string | undefined> {
  const started = Date.now();
  const store = referenceStore();
  if ((await store.getUnits()) !== undefined) return undefined;
  await store.putUnits(demoRegistry, { updatedAt: new Date().toISOString(), updatedBy: "demo-seed" });
  const deps = await intakeDeps();
  await Promise.all(demoCases.map((c) => seedCase(c, started, deps)));
  return `Demo data: ${demoRegistry.length} units and ${demoCases.length} cases seeded in ${Date.now() - started} ms (start with --no-seed or SEED=false to skip)`;
}
