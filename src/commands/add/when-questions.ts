import { passedStart, PASSED_START_NOTE, type CircleAnswers } from '../../model/draft.js';
import { DURATION_PATTERN } from '../../model/time.js';
import { describeEnd, describeStart, readEnd, readStart } from '../../model/typed-time.js';
import { asking, blank, type InterviewContext, type Question } from './ask.js';

/** When the circle starts and ends, read as people write times and echoed back as the file will hold them. */
export function whenQuestions(context: InterviewContext): { start: Question; ending: Question } {
  const { check, zoneOf, echo } = asking(context);
  const start: Question = {
    label: 'Start',
    given: (a) => a.start !== undefined,
    ask: async (a) => {
      const answer = await context.prompter.ask('Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)', {
        default: a.start,
        validate: (value) => (blank(value) === undefined ? 'required' : check(a, 'start', { start: value.trim() })),
      });
      const read = readStart(answer);
      a.start = read.ok ? read.value : answer;
      const zone = zoneOf(a);
      if (zone.ok) echo(describeStart(a.start, zone.value));
      if (passedStart(a.start, a.timezone ?? context.defaults(a).timezone, context.now())) context.note(`  ! that start has passed: ${PASSED_START_NOTE}`);
    },
  };
  const ending: Question = {
    label: 'End or length',
    given: (a) => a.end !== undefined || a.duration !== undefined,
    ask: async (a) => {
      // A length such as 2h is read as a length here; --end 14h is a time of day.
      const change = (value: string): CircleAnswers => (DURATION_PATTERN.test(value) ? { end: undefined, duration: value } : { end: value, duration: undefined });
      const answer = await context.prompter.ask('Ends at (13:15 or 1:15pm) or lasts (1h15m)', {
        default: a.end ?? a.duration,
        validate: (value) => {
          const v = value.trim();
          if (v === '') return 'required';
          return check(a, DURATION_PATTERN.test(v) ? 'duration' : 'end', change(v));
        },
      });
      Object.assign(a, change(answer));
      const read = a.end === undefined ? undefined : readEnd(a.end);
      if (read?.ok) a.end = read.value;
      const zone = zoneOf(a);
      if (zone.ok && a.start) echo(describeEnd(a.start, a, zone.value));
    },
  };
  return { start, ending };
}
