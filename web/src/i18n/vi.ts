// The Vietnamese message catalog: the default language and the source of the message keys.
// Register: the neutral administrative one of public-service portals ("Ông/Bà", "Vui lòng ...").
export const vi = {
  "lang.code": "vi",
  "lang.other": "English",
  "lang.otherCode": "en",
  "site.org": "Ủy ban nhân dân tỉnh",
  "site.name": "Cổng tiếp nhận đơn thư trực tuyến",
  "site.skip": "Bỏ qua, đến nội dung chính",
  "site.nav": "Điều hướng chính",
  "nav.form": "Gửi đơn",
  "nav.track": "Tra cứu đơn",
  "site.footer":
    "Thông tin cá nhân chỉ được dùng để xem xét, giải quyết đơn. Danh tính người tố cáo được giữ bí mật theo Luật Tố cáo năm 2018.",

  "form.docTitle": "Gửi kiến nghị, phản ánh, khiếu nại, tố cáo",
  "form.title": "Gửi kiến nghị, phản ánh, khiếu nại, tố cáo",
  "form.intro":
    "Sau khi gửi, Ông/Bà nhận được mã hồ sơ và mã truy cập để tra cứu tình trạng đơn. Các mục ghi “bắt buộc” phải được điền.",
  "form.required": "(bắt buộc)",
  "form.optional": "(không bắt buộc)",

  "kind.legend": "Loại đơn",
  "kind.hint": "Chọn loại phù hợp nhất với nội dung. Nếu chọn chưa đúng, cơ quan tiếp nhận sẽ phân loại lại.",
  "kind.complaint": "Khiếu nại",
  "kind.complaint.help":
    "Đề nghị xem xét lại một quyết định hoặc hành vi hành chính của cơ quan, người có thẩm quyền mà Ông/Bà cho là trái pháp luật, xâm phạm quyền, lợi ích hợp pháp của mình. Phải ghi rõ họ tên và cách liên hệ.",
  "kind.denunciation": "Tố cáo",
  "kind.denunciation.help":
    "Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của bất kỳ cơ quan, tổ chức, cá nhân nào. Danh tính người tố cáo được giữ bí mật theo luật. Có thể gửi không ghi danh, nhưng khi đó đơn chỉ được xem là thông tin, không có thời hạn giải quyết theo luật.",
  "kind.petition": "Kiến nghị",
  "kind.petition.help":
    "Đề xuất, góp ý về chính sách, pháp luật, thủ tục hành chính hoặc công việc của cơ quan nhà nước.",
  "kind.reflection": "Phản ánh",
  "kind.reflection.help":
    "Cho cơ quan nhà nước biết về một sự việc, tình hình đang xảy ra mà Ông/Bà thấy cần được xem xét, xử lý.",

  "subject.label": "Tiêu đề",
  "subject.hint": "Tóm tắt nội dung đơn, từ 5 đến 200 ký tự.",
  "content.label": "Nội dung",
  "content.hint":
    "Trình bày rõ sự việc: thời gian, địa điểm, người liên quan và đề nghị của Ông/Bà. Từ 20 đến 20.000 ký tự.",

  "identity.legend": "Thông tin người gửi",
  "identity.help.complaint":
    "Theo Luật Khiếu nại, đơn khiếu nại phải ghi rõ họ tên và ít nhất một cách liên hệ: số điện thoại, thư điện tử hoặc địa chỉ.",
  "identity.help.denunciation":
    "Theo Luật Tố cáo, người tố cáo ghi rõ họ tên và cách liên hệ. Danh tính người tố cáo được giữ bí mật, không công khai và không cung cấp cho người bị tố cáo.",
  "identity.help.optional":
    "Không bắt buộc. Nếu để lại cách liên hệ, cơ quan có thể trao đổi hoặc trả lời trực tiếp cho Ông/Bà.",
  "anonymous.label": "Gửi không ghi danh (không cung cấp họ tên và cách liên hệ)",
  "anonymous.consequence":
    "Đơn tố cáo không ghi danh không được giải quyết theo thủ tục tố cáo: nội dung được tiếp nhận như thông tin, không có thời hạn giải quyết theo luật và cơ quan không thể trả lời Ông/Bà. Cơ quan sẽ xem xét nội dung để quyết định việc kiểm tra, thanh tra. Ông/Bà vẫn nhận được mã để tra cứu.",
  "fullName.label": "Họ và tên",
  "phone.label": "Số điện thoại",
  "email.label": "Thư điện tử (email)",
  "address.label": "Địa chỉ liên hệ",
  "contact.hint": "Cần ít nhất một trong ba: số điện thoại, thư điện tử hoặc địa chỉ.",
  "nationalId.label": "Số căn cước công dân (CCCD)",
  "nationalId.hint": "Gồm 12 chữ số.",
  "unitHint.label": "Cơ quan, đơn vị liên quan, nếu biết",
  "unitHint.hint": "Ví dụ: UBND xã Tân Phú, Phòng Tài nguyên và Môi trường huyện.",
  "language.label": "Ngôn ngữ nhận thông tin về đơn",
  "language.vi": "Tiếng Việt",
  "language.en": "Tiếng Anh (English)",

  "form.submit": "Gửi đơn",
  "form.sending": "Đang gửi…",
  "form.draftRestored": "Nội dung Ông/Bà đã nhập trước đó được khôi phục.",

  "errors.summaryTitle": "Đơn chưa được gửi. Vui lòng kiểm tra lại:",
  "err.kind.required": "Vui lòng chọn loại đơn.",
  "err.subject.short": "Tiêu đề cần ít nhất 5 ký tự.",
  "err.subject.long": "Tiêu đề không được quá 200 ký tự.",
  "err.content.short": "Nội dung cần ít nhất 20 ký tự.",
  "err.content.long": "Nội dung không được quá 20.000 ký tự.",
  "err.fullName.required": "Vui lòng nhập họ và tên (ít nhất 2 ký tự).",
  "err.fullName.long": "Họ và tên không được quá 120 ký tự.",
  "err.contact.required": "Vui lòng nhập ít nhất một trong ba: số điện thoại, thư điện tử hoặc địa chỉ.",
  "err.submitter.required": "Đơn khiếu nại cần họ tên và ít nhất một cách liên hệ.",
  "err.phone.invalid": "Số điện thoại chưa đúng: chỉ gồm chữ số, có thể cách nhau bằng dấu cách; số nước ngoài bắt đầu bằng +.",
  "err.email.invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.",
  "err.nationalId.invalid": "Số CCCD phải gồm đúng 12 chữ số.",
  "err.address.short": "Địa chỉ cần ít nhất 5 ký tự.",
  "err.address.long": "Địa chỉ không được quá 300 ký tự.",
  "err.unitHint.long": "Tên cơ quan, đơn vị không được quá 120 ký tự.",
  "err.language.invalid": "Vui lòng chọn ngôn ngữ.",
  "err.http.400": "Đơn chưa hợp lệ. Vui lòng kiểm tra lại các mục đã nhập.",
  "err.http.413": "Đơn quá dài để gửi. Vui lòng rút gọn nội dung rồi gửi lại. Nội dung đã nhập vẫn được giữ.",
  "err.http.415": "Có lỗi kỹ thuật khi gửi đơn. Vui lòng tải lại trang và gửi lại; nội dung đã nhập vẫn được giữ.",
  "err.http.422":
    "Đơn đã được gửi trước đó với nội dung khác. Vui lòng kiểm tra lại và bấm “Gửi đơn” một lần nữa để gửi nội dung hiện tại.",
  "err.http.429": "Hệ thống đang nhận nhiều yêu cầu. Vui lòng đợi ít phút rồi gửi lại. Nội dung đã nhập vẫn được giữ.",
  "err.http.5xx":
    "Hệ thống đang gặp sự cố nên chưa xác nhận được đơn. Vui lòng gửi lại sau ít phút: nội dung đã nhập vẫn được giữ và đơn sẽ không bị ghi nhận hai lần.",
  "err.network":
    "Không kết nối được tới hệ thống. Vui lòng kiểm tra kết nối mạng rồi gửi lại: nội dung đã nhập vẫn được giữ và đơn sẽ không bị ghi nhận hai lần.",

  "done.title": "Đơn đã được gửi",
  "done.received": "Đơn {kind} được tiếp nhận lúc {time}.",
  "done.codeLabel": "Mã hồ sơ",
  "done.keyLabel": "Mã truy cập",
  "done.keep":
    "Vui lòng lưu lại cả hai mã (chép lại, chụp màn hình hoặc ghi ra giấy) và giữ bí mật mã truy cập. Mã truy cập không thể cấp lại: nếu mất, Ông/Bà sẽ không tra cứu được đơn trên cổng này. Cán bộ không bao giờ hỏi mã truy cập.",
  "done.copy": "Sao chép",
  "done.copyCode": "Sao chép mã hồ sơ",
  "done.copyKey": "Sao chép mã truy cập",
  "done.copied": "Đã sao chép",
  "done.copyFailed": "Không sao chép được, vui lòng chép tay",
  "done.deadline": "Thời hạn xử lý đơn: chậm nhất hết ngày {date}.",
  "done.noDeadline":
    "Đơn tố cáo không ghi danh được tiếp nhận như thông tin, không có thời hạn giải quyết theo luật.",
  "done.track": "Tra cứu tình trạng đơn",
  "done.again": "Gửi đơn khác",

  "track.docTitle": "Tra cứu tình trạng đơn",
  "track.title": "Tra cứu tình trạng đơn",
  "track.intro":
    "Nhập mã hồ sơ và mã truy cập được cấp khi gửi đơn. Không phân biệt chữ hoa, chữ thường; có thể bỏ qua dấu cách và dấu gạch ngang.",
  "track.code": "Mã hồ sơ",
  "track.key": "Mã truy cập",
  "track.show": "Hiện mã",
  "track.hide": "Ẩn mã",
  "track.showLabel": "Hiện mã truy cập",
  "track.submit": "Tra cứu",
  "track.loading": "Đang tra cứu…",
  "track.err.code": "Vui lòng nhập mã hồ sơ.",
  "track.err.key": "Vui lòng nhập mã truy cập.",
  "track.notFound":
    "Không tìm thấy đơn nào với mã hồ sơ và mã truy cập này. Vui lòng kiểm tra lại cả hai mã.",
  "track.err.429": "Có quá nhiều lượt tra cứu. Vui lòng đợi ít phút rồi thử lại.",
  "track.err.5xx": "Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.",
  "track.err.network": "Không kết nối được tới hệ thống. Vui lòng kiểm tra kết nối mạng rồi thử lại.",
  "track.resultTitle": "Đơn {code}",
  "track.kind": "Loại đơn",
  "track.subject": "Tiêu đề",
  "track.status": "Tình trạng",
  "track.receivedAt": "Tiếp nhận lúc",
  "track.updatedAt": "Cập nhật lần cuối",
  "track.deadlines": "Thời hạn",
  "track.noDeadline": "Không có thời hạn giải quyết theo luật (đơn tố cáo không ghi danh được xem là thông tin).",
  "track.milestones": "Quá trình xử lý",
  "deadline.processing": "Xử lý đơn",
  "deadline.resolution": "Giải quyết",
  "deadline.due": "Chậm nhất hết ngày {date}",

  "status.received": "Đã tiếp nhận",
  "status.in_progress": "Đang giải quyết",
  "status.transferred": "Đã chuyển đến cơ quan có thẩm quyền",
  "status.guided": "Đã hướng dẫn người gửi đến cơ quan có thẩm quyền",
  "status.rejected": "Không thụ lý",
  "status.archived": "Đã lưu đơn",
  "status.resolved": "Đã có kết quả giải quyết",
  "status.closed": "Đã kết thúc",
  "status.withdrawn": "Đã rút đơn",
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;
/** Every other language must give every key, and only those: a missing or stray key fails to compile. */
export type Messages = { readonly [K in MessageKey]: string };
