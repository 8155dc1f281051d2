import type { Prompter } from '../../context.js';
import { domainProblem, emailProblem, urlProblem } from '../../model/workspace-settings.js';

/** What `circle init` asks on a terminal for what the flags left out; the answers are checked again with the flags' rules. */
export interface Given {
  organizerName?: string | undefined;
  organizerEmail?: string | undefined;
  mailingListUrl?: string | undefined;
  uidDomain?: string | undefined;
}

/** Who invitations and mail come from: a name, and an email unless the name is left empty. */
export async function askOrganizer(given: Given, prompter: Prompter): Promise<Given> {
  let name = given.organizerName;
  let email = given.organizerEmail;
  if (name !== undefined && email !== undefined) return given;
  name ??= await prompter.ask(`Organizer name (who invitations and mail come from${email === undefined ? '; empty for none' : ''})`, {
    validate: (value) => (email !== undefined && value.trim() === '' ? 'required with --organizer-email' : true),
  });
  if (name !== '') email ??= await prompter.ask('Organizer email', { validate: (value) => emailProblem(value) ?? true });
  return { ...given, organizerName: name, organizerEmail: email };
}

/** The mailing list (empty for none) and the UID domain, offering the workspace's own. */
export async function askSettings(given: Given, own: string, prompter: Prompter): Promise<Given> {
  const mailingListUrl =
    given.mailingListUrl ?? (await prompter.ask('Mailing list link for news of the series (empty for none)', { validate: (value) => (value.trim() === '' ? true : (urlProblem(value.trim()) ?? true)) })).trim();
  const uidDomain =
    given.uidDomain ??
    (await prompter.ask('Domain for calendar invitation UIDs (never change it once invites are out)', { default: own, validate: (value) => domainProblem(value.trim().toLowerCase()) ?? true })).trim().toLowerCase();
  return { ...given, mailingListUrl, uidDomain };
}
