// The form's rules without a browser: the body sent, the checks before sending, server errors → fields.
import { describe, expect, it } from "vitest";
import { fingerprint, fromServer, toSubmission, validate, type FormValues } from "../../../web/src/lib/form-rules.ts";

const blank: FormValues = {
  kind: "complaint",
  subject: "Khiếu nại về đất đai",
  content: "Nội dung khiếu nại đủ dài để được nhận.",
  anonymous: false,
  fullName: "",
  phone: "",
  email: "",
  address: "",
  nationalId: "",
  unitHint: "",
  language: "vi",
};

describe("toSubmission", () => {
  it("should send subject and content as typed, trim the identity and leave out empty fields", () => {
    const body = toSubmission({ ...blank, subject: "  Đất  ", fullName: " Nguyễn Văn A ", phone: "0912 345 678", nationalId: "0791 2345 6789" });
    expect(body).toEqual({
      kind: "complaint",
      subject: "  Đất  ",
      content: blank.content,
      language: "vi",
      submitter: { fullName: "Nguyễn Văn A", phone: "0912 345 678", nationalId: "079123456789" },
    });
  });

  it("should send no submitter for an anonymous denunciation, even with fields filled before", () => {
    const body = toSubmission({ ...blank, kind: "denunciation", anonymous: true, fullName: "Nguyễn Văn A", phone: "0912345678" });
    expect(body).toEqual({ kind: "denunciation", subject: blank.subject, content: blank.content, language: "vi" });
  });

  it("should send the unit hint trimmed when given", () => {
    expect(toSubmission({ ...blank, kind: "petition", unitHint: " UBND xã Tân Phú " }).unitHint).toBe("UBND xã Tân Phú");
  });
});

describe("validate", () => {
  it("should ask a complaint for a name and a contact", () => {
    expect(validate(blank)).toEqual([
      { field: "fullName", key: "err.fullName.required" },
      { field: "phone", key: "err.contact.required" },
    ]);
  });

  it("should ask a signed denunciation for the same, and an anonymous one for nothing", () => {
    expect(validate({ ...blank, kind: "denunciation" }).map((e) => e.field)).toEqual(["fullName", "phone"]);
    expect(validate({ ...blank, kind: "denunciation", anonymous: true })).toEqual([]);
  });

  it("should let a petition go without identity, but want a name once a contact is given", () => {
    expect(validate({ ...blank, kind: "petition" })).toEqual([]);
    expect(validate({ ...blank, kind: "petition", phone: "0912345678" })).toEqual([{ field: "fullName", key: "err.fullName.required" }]);
  });

  it("should mirror the server's lengths and formats", () => {
    const errors = validate({
      ...blank,
      kind: "",
      subject: "    abc    ",
      content: "x".repeat(20_001),
      fullName: "An",
      phone: "12",
      email: "a@b",
      address: "abc",
      nationalId: "12345",
    });
    expect(errors).toEqual([
      { field: "kind", key: "err.kind.required" },
      { field: "subject", key: "err.subject.short" },
      { field: "content", key: "err.content.long" },
      { field: "phone", key: "err.phone.invalid" },
      { field: "email", key: "err.email.invalid" },
      { field: "address", key: "err.address.short" },
      { field: "nationalId", key: "err.nationalId.invalid" },
    ]);
  });
});

describe("fromServer", () => {
  it("should trust the server's rule code over its words", () => {
    expect(fromServer([{ path: "submitter.phone", message: "phone?", code: "contact_required" }])).toEqual([
      { field: "phone", key: "err.contact.required", message: "phone?" },
    ]);
    expect(fromServer([{ path: "submitter.phone", message: "phone?" }])).toEqual([{ field: "phone", key: "err.phone.invalid", message: "phone?" }]);
  });

  it("should put each server error on its field with a localized message, keeping the server's words", () => {
    expect(
      fromServer([
        { path: "subject", message: "must be at least 5 characters" },
        { path: "submitter", message: "a complaint needs the sender's full name and a phone, e-mail or address" },
        { path: "submitter.phone", message: "give at least a phone, an e-mail or an address" },
        { path: "submitter.email", message: "must be an e-mail address" },
      ]),
    ).toEqual([
      { field: "subject", key: "err.subject.short", message: "must be at least 5 characters" },
      { field: "fullName", key: "err.submitter.required", message: "a complaint needs the sender's full name and a phone, e-mail or address" },
      { field: "phone", key: "err.contact.required", message: "give at least a phone, an e-mail or an address" },
      { field: "email", key: "err.email.invalid", message: "must be an e-mail address" },
    ]);
  });

  it("should fall back to the server's message, and to the form for an unknown path", () => {
    expect(fromServer([{ path: "subject", message: "contains forbidden words" }, { path: "foo", message: "unrecognized key" }])).toEqual([
      { field: "subject", message: "contains forbidden words" },
      { field: null, message: "foo: unrecognized key" },
    ]);
  });
});

describe("fingerprint", () => {
  it("should stay the same for the same body and change with any character", () => {
    const body = toSubmission(blank);
    expect(fingerprint(body)).toBe(fingerprint(toSubmission({ ...blank })));
    expect(fingerprint(body)).not.toBe(fingerprint({ ...body, content: `${body.content}.` }));
    expect(fingerprint(body)).not.toBe(fingerprint({ ...body, subject: body.subject.normalize("NFD") }));
  });
});
