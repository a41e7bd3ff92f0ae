/**
 * SMPP time format (§7.1.1), used by schedule_delivery_time, validity_period and final_date:
 * "YYMMDDhhmmsstnnp", 16 characters — year, month, day, hour, minute, second, tenths of a second, the
 * offset from UTC in quarter hours (00-48) and p: "+" (local time is ahead of UTC), "-" (behind) or "R"
 * (the whole value is a relative period; t and nn are then 0). An empty field (the lone NUL) means "none /
 * SMSC default" and parses to null.
 */
import { DecodeError, EncodeError } from "../errors.js";

export interface SmppAbsoluteTime {
  kind: "absolute";
  /** Full year, 2000-2099 (SMPP years have two digits). */
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31, valid for the month. */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Tenths of a second, 0-9. */
  tenths: number;
  /** Offset of the local time from UTC in quarter hours, -48..48 ("+" ahead is positive). */
  utcOffsetQuarterHours: number;
}

export interface SmppRelativeTime {
  kind: "relative";
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type SmppTime = SmppAbsoluteTime | SmppRelativeTime;

export const SMPP_TIME_LENGTH = 16;

function two(text: string, at: number, name: string, min: number, max: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9)) {
    throw new DecodeError(
      "smpp",
      at,
      `SMPP time ${name}: ${JSON.stringify(text.slice(at, at + 2))} is not two digits`,
    );
  }
  const v = a * 10 + b;
  if (v < min || v > max)
    throw new DecodeError("smpp", at, `SMPP time ${name} ${v} is outside ${min}-${max}`);
  return v;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an SMPP time string (§7.1.1). Returns null for "" (no time given). Anything else that is not
 * 16 characters of the format throws `DecodeError` whose offset is the index into `text` (callers answer
 * ESME_RINVSCHED / ESME_RINVEXPIRY). In a relative time the t and nn digits are read but ignored.
 */
export function parseSmppTime(text: string): SmppTime | null {
  if (text.length === 0) return null;
  if (text.length !== SMPP_TIME_LENGTH) {
    throw new DecodeError("smpp", 0, `SMPP time of ${text.length} characters, the format has 16 (or none)`);
  }
  const p = text[15];
  const t = text.charCodeAt(12) - 48;
  if (!(t >= 0 && t <= 9)) throw new DecodeError("smpp", 12, "SMPP time tenths: not a digit");
  if (p === "R" || p === "r") {
    two(text, 13, "nn", 0, 99);
    return {
      kind: "relative",
      years: two(text, 0, "years", 0, 99),
      months: two(text, 2, "months", 0, 99),
      days: two(text, 4, "days", 0, 99),
      hours: two(text, 6, "hours", 0, 99),
      minutes: two(text, 8, "minutes", 0, 99),
      seconds: two(text, 10, "seconds", 0, 99),
    };
  }
  if (p !== "+" && p !== "-") {
    throw new DecodeError("smpp", 15, `SMPP time direction ${JSON.stringify(p)} is none of "+", "-", "R"`);
  }
  const year = 2000 + two(text, 0, "year", 0, 99);
  const month = two(text, 2, "month", 1, 12);
  const day = two(text, 4, "day", 1, daysInMonth(year, month));
  const quarters = two(text, 13, "UTC offset", 0, 48);
  return {
    kind: "absolute",
    year,
    month,
    day,
    hour: two(text, 6, "hour", 0, 23),
    minute: two(text, 8, "minute", 0, 59),
    second: two(text, 10, "second", 0, 59),
    tenths: t,
    utcOffsetQuarterHours: p === "-" ? -quarters : quarters,
  };
}

function pad2(name: string, v: number, min: number, max: number): string {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new EncodeError("smpp", `time ${name}`, `${v} is not in ${min}..${max}`);
  return v < 10 ? `0${v}` : String(v);
}

/** Formats an SMPP time (§7.1.1), the inverse of `parseSmppTime`. Out-of-range fields throw `EncodeError`. */
export function formatSmppTime(time: SmppTime): string {
  if (time.kind === "relative") {
    return `${pad2("years", time.years, 0, 99)}${pad2("months", time.months, 0, 99)}${pad2("days", time.days, 0, 99)}${pad2("hours", time.hours, 0, 99)}${pad2("minutes", time.minutes, 0, 99)}${pad2("seconds", time.seconds, 0, 99)}000R`;
  }
  if (!Number.isInteger(time.year) || time.year < 2000 || time.year > 2099) {
    throw new EncodeError("smpp", "time year", `${time.year} is not in 2000..2099`);
  }
  const month = pad2("month", time.month, 1, 12);
  const day = pad2("day", time.day, 1, daysInMonth(time.year, time.month));
  const q = time.utcOffsetQuarterHours;
  if (!Number.isInteger(time.tenths) || time.tenths < 0 || time.tenths > 9) {
    throw new EncodeError("smpp", "time tenths", `${time.tenths} is not in 0..9`);
  }
  return `${pad2("year", time.year - 2000, 0, 99)}${month}${day}${pad2("hour", time.hour, 0, 23)}${pad2("minute", time.minute, 0, 59)}${pad2("second", time.second, 0, 59)}${time.tenths}${pad2("UTC offset", Math.abs(q), 0, 48)}${q < 0 ? "-" : "+"}`;
}

/**
 * The absolute SMPP time of `date` as seen in a zone `utcOffsetQuarterHours` from UTC (default UTC),
 * truncated to tenths of a second.
 */
export function smppAbsoluteTime(date: Date, utcOffsetQuarterHours = 0): SmppAbsoluteTime {
  if (!Number.isInteger(utcOffsetQuarterHours) || Math.abs(utcOffsetQuarterHours) > 48) {
    throw new EncodeError(
      "smpp",
      "time UTC offset",
      `${utcOffsetQuarterHours} quarter hours is not in -48..48`,
    );
  }
  const local = new Date(date.getTime() + utcOffsetQuarterHours * 15 * 60_000);
  return {
    kind: "absolute",
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    tenths: Math.floor(local.getUTCMilliseconds() / 100),
    utcOffsetQuarterHours,
  };
}

/**
 * The instant an SMPP time stands for: an absolute time as is, a relative one added to `now` (calendar
 * arithmetic in UTC: "000100000000000R" is one month after `now`). Pure: the caller supplies the clock.
 */
export function smppTimeToDate(time: SmppTime, now?: Date): Date {
  if (time.kind === "absolute") {
    const local = Date.UTC(
      time.year,
      time.month - 1,
      time.day,
      time.hour,
      time.minute,
      time.second,
      time.tenths * 100,
    );
    return new Date(local - time.utcOffsetQuarterHours * 15 * 60_000);
  }
  if (now === undefined) throw new RangeError("a relative SMPP time needs the current time to resolve");
  return new Date(
    Date.UTC(
      now.getUTCFullYear() + time.years,
      now.getUTCMonth() + time.months,
      now.getUTCDate() + time.days,
      now.getUTCHours() + time.hours,
      now.getUTCMinutes() + time.minutes,
      now.getUTCSeconds() + time.seconds,
      now.getUTCMilliseconds(),
    ),
  );
}
