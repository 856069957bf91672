import type { MailMessage } from '../mail/mail.service.ts';
import type { AccountLocale } from './accounts.tables.ts';

// The mails of sign-in and invitations, in the account's language (French unless it chose English; for a sign-up,
// the language the person used). Same structure in both languages. Links are built from PUBLIC_URL.

const signature: Record<AccountLocale, string> = {
  fr: '\n\n— Maillage, la plateforme des réseaux territoriaux de l’ESS',
  en: '\n\n— Maillage, the platform of local social and solidarity economy networks',
};

export const loginLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/connexion/lien?token=${encodeURIComponent(token)}`;
export const resetLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`;

export function loginLinkMail(locale: AccountLocale, to: string, link: string): MailMessage {
  const text = {
    fr: `Bonjour,\n\nPour vous connecter à Maillage, ouvrez ce lien (valable 15 minutes, utilisable une seule fois) :\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.`,
    en: `Hello,\n\nTo sign in to Maillage, open this link (it works once, within the next 15 minutes):\n\n${link}\n\nIf you did not ask for it, you can ignore this message: nobody can sign in without the link.`,
  };
  return {
    kind: 'auth.login-link',
    to,
    subject: { fr: 'Votre lien de connexion à Maillage', en: 'Your Maillage sign-in link' }[locale],
    text: text[locale] + signature[locale],
  };
}

export function passwordResetMail(locale: AccountLocale, to: string, link: string): MailMessage {
  const text = {
    fr: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule fois) :\n\n${link}\n\nVos autres sessions seront fermées. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`,
    en: `Hello,\n\nTo choose a new password, open this link (it works once, within the next hour):\n\n${link}\n\nYou will be signed out everywhere else. If you did not ask for this, ignore this message: your password stays as it is.`,
  };
  return {
    kind: 'auth.password-reset',
    to,
    subject: { fr: 'Choisir un nouveau mot de passe Maillage', en: 'Choose a new Maillage password' }[locale],
    text: text[locale] + signature[locale],
  };
}

export function welcomeMail(locale: AccountLocale, to: string, name: string, link: string): MailMessage {
  const text = {
    fr: `Bonjour ${name},\n\nVotre compte Maillage est créé. Pour confirmer votre adresse et vous connecter, ouvrez ce lien (valable 72 heures) :\n\n${link}\n\nSi vous n’êtes pas à l’origine de cette inscription, ignorez ce message.`,
    en: `Hello ${name},\n\nYour Maillage account is ready. To confirm your address and sign in, open this link (valid for 72 hours):\n\n${link}\n\nIf you did not sign up yourself, just ignore this message.`,
  };
  return {
    kind: 'auth.welcome',
    to,
    subject: {
      fr: 'Bienvenue sur Maillage : confirmez votre adresse',
      en: 'Welcome to Maillage: please confirm your address',
    }[locale],
    text: text[locale] + signature[locale],
  };
}

/** Sent instead of a welcome when someone signs up with an address that already has an account. */
export function alreadyRegisteredMail(
  locale: AccountLocale,
  to: string,
  link: string,
  resetUrl: string,
): MailMessage {
  const text = {
    fr: `Bonjour,\n\nQuelqu’un (vous, sans doute) a voulu créer un compte Maillage avec cette adresse, qui en a déjà un. Aucun nouveau compte n’a été créé.\n\nPour vous connecter, ouvrez ce lien (valable 15 minutes) :\n\n${link}\n\nMot de passe oublié ? ${resetUrl}`,
    en: `Hello,\n\nSomeone (probably you) tried to create a Maillage account with this address, which already has one. No new account was created.\n\nTo sign in, open this link (valid for 15 minutes):\n\n${link}\n\nForgotten your password? ${resetUrl}`,
  };
  return {
    kind: 'auth.already-registered',
    to,
    subject: { fr: 'Vous avez déjà un compte Maillage', en: 'You already have a Maillage account' }[locale],
    text: text[locale] + signature[locale],
  };
}

/** What an invitation makes of the person: a network's coordinator or member, or an organisation's editor. */
export type InvitedAs =
  | { role: 'coordinator' | 'member'; networkName: string }
  | { role: 'organization-editor' };

function invitedAs(locale: AccountLocale, as: InvitedAs): string {
  if (as.role === 'organization-editor')
    return {
      fr: 'autorisé·e à modifier la fiche de votre organisation dans l’annuaire',
      en: 'allowed to edit your organisation’s profile in the directory',
    }[locale];
  if (as.role === 'coordinator')
    return {
      fr: `coordinateur ou coordinatrice du réseau « ${as.networkName} »`,
      en: `a coordinator of the “${as.networkName}” network`,
    }[locale];
  return {
    fr: `membre du réseau « ${as.networkName} »`,
    en: `a member of the “${as.networkName}” network`,
  }[locale];
}

export function invitationMail(
  locale: AccountLocale,
  to: string,
  opts: { inviter: string; as: InvitedAs; link: string; newAccount: boolean },
): MailMessage {
  const what = invitedAs(locale, opts.as);
  const fr = {
    subject: `Maillage : vous êtes ${what}`,
    intro: opts.newAccount
      ? `${opts.inviter} vous a créé un compte Maillage : vous êtes désormais ${what}.`
      : `${opts.inviter} vous a ajouté sur Maillage : vous êtes désormais ${what}.`,
    body: `Pour vous connecter, ouvrez ce lien (valable 72 heures, utilisable une seule fois) :\n\n${opts.link}\n\nVous pourrez ensuite choisir un mot de passe ou demander un nouveau lien à chaque connexion.`,
  };
  const en = {
    subject: `Maillage: you are now ${what}`,
    intro: opts.newAccount
      ? `${opts.inviter} has created a Maillage account for you: you are now ${what}.`
      : `${opts.inviter} has added you on Maillage: you are now ${what}.`,
    body: `To sign in, open this link (it works once, within the next 72 hours):\n\n${opts.link}\n\nOnce signed in, you can choose a password, or ask for a new link each time you sign in.`,
  };
  const words = locale === 'en' ? en : fr;
  return {
    kind: 'auth.invitation',
    to,
    subject: words.subject,
    text: `${locale === 'en' ? 'Hello' : 'Bonjour'},\n\n${words.intro}\n\n${words.body}${signature[locale]}`,
  };
}
