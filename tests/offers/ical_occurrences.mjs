// Reads an iCalendar feed with ical.js (a third parser, independent of the Python ones) and prints
// every occurrence that starts in [from, to) as JSON: uid, start and end in UTC, status.
// Usage: node tests/offers/ical_occurrences.mjs FEED.ics 2027-03-01 2027-12-01
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, from, to] = process.argv.slice(2);
const first = new Date(`${from}T00:00:00Z`);
const last = new Date(`${to}T00:00:00Z`);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
// The feed's own VTIMEZONE is what its TZID names; ical.js resolves it only once registered.
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const occurrences = [];
for (const component of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  const status = component.getFirstPropertyValue("status") || "CONFIRMED";
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate();
    if (start >= last) break;
    if (start < first) continue;
    occurrences.push({
      uid: event.uid,
      start: start.toISOString(),
      end: details.endDate.toJSDate().toISOString(),
      status,
    });
  }
}
occurrences.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
process.stdout.write(JSON.stringify(occurrences));
