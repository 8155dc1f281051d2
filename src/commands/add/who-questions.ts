import { emailKey } from '../../model/email.js';
import { asking, blank, type InterviewContext, type Question } from './ask.js';

/** Who else the circle names: instigators, the organizer (unless the series'), a translation. */
export function whoQuestions(context: InterviewContext): { instigators: Question; organizer: Question; translation: Question } {
  const { check, askText, askItems } = asking(context);
  const { ask, askYesNo } = context.prompter;
  const instigators: Question = {
    label: 'Instigators',
    given: (a) => a.instigator !== undefined,
    ask: async (a) => {
      if (a.instigator?.length) context.note(`  so far: ${a.instigator.join('; ')}`);
      a.instigator = [];
      for (;;) {
        const name = await ask('Instigator name (empty to finish)');
        if (name === '') return;
        const org = await ask(`Organisation of ${name}`);
        const role = await ask(`Role of ${name}`);
        a.instigator.push([name, org, role].join('|').replace(/\|+$/, ''));
      }
    },
  };
  const organizer: Question = {
    label: 'Organizer',
    given: (a) => a.organizerName !== undefined && a.organizerEmail !== undefined,
    ask: async (a) => {
      const inherited = context.defaults(a).organizer;
      const name = await ask(`Organizer name (invitations and mail come from them${inherited ? '' : '; empty for none'})`, {
        default: a.organizerName ?? inherited?.name,
        validate: (value) => check(a, 'organizer.name', { organizerName: blank(value) }),
      });
      const email = name === '' ? '' : await ask('Organizer email', {
        default: a.organizerEmail ?? inherited?.email,
        validate: (value) => (blank(value) === undefined ? 'required' : check(a, 'organizer.email', { organizerName: name, organizerEmail: value.trim() })),
      });
      // The series' organizer is inherited, not copied: nothing to give as a flag or to write.
      const same = name === '' || (inherited && name === inherited.name && emailKey(email) === emailKey(inherited.email));
      a.organizerName = same ? undefined : name;
      a.organizerEmail = same ? undefined : email;
    },
  };
  const translation: Question = {
    label: 'Translation',
    given: (a) => Boolean(a.language === 'es' ? a.enTitle || a.enSummary || a.enTopic : a.esTitle || a.esSummary || a.esTopic),
    ask: async (a) => {
      const other = a.language === 'es' ? 'en' : 'es';
      const keys = other === 'es' ? (['esTitle', 'esSummary', 'esTopic'] as const) : (['enTitle', 'enSummary', 'enTopic'] as const);
      if (!translation.given(a) && !(await askYesNo(`Add ${other === 'es' ? 'a Spanish' : 'an English'} translation?`, false))) return;
      await askText(a, keys[0], `translations.${other}.title`, 'Translated title');
      await askText(a, keys[1], `translations.${other}.summary`, 'Translated summary');
      await askItems(a, keys[2], 'Translated "We will cover" item');
    },
  };
  return { instigators, organizer, translation };
}
