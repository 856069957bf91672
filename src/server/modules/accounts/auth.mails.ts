import type { MailMessage } from '../mail/mail.service.ts';

// The mails of sign-in and invitations, in French (the platform's first language). Links are built from PUBLIC_URL.

const signature = "\n\n— Maillage, la plateforme des réseaux territoriaux de l'ESS";

export const loginLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/connexion/lien?token=${encodeURIComponent(token)}`;
export const resetLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`;

export function loginLinkMail(to: string, link: string): MailMessage {
  return {
    kind: 'auth.login-link',
    to,
    subject: 'Votre lien de connexion à Maillage',
    text: `Bonjour,\n\nPour vous connecter à Maillage, ouvrez ce lien (valable 15 minutes, utilisable une seule fois) :\n\n${link}\n\nSi vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.${signature}`,
  };
}

export function passwordResetMail(to: string, link: string): MailMessage {
  return {
    kind: 'auth.password-reset',
    to,
    subject: 'Choisir un nouveau mot de passe Maillage',
    text: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule fois) :\n\n${link}\n\nVos autres sessions seront fermées. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.${signature}`,
  };
}

export function welcomeMail(to: string, name: string, link: string): MailMessage {
  return {
    kind: 'auth.welcome',
    to,
    subject: 'Bienvenue sur Maillage : confirmez votre adresse',
    text: `Bonjour ${name},\n\nVotre compte Maillage est créé. Pour confirmer votre adresse et vous connecter, ouvrez ce lien (valable 72 heures) :\n\n${link}\n\nSi vous n'êtes pas à l'origine de cette inscription, ignorez ce message.${signature}`,
  };
}

/** Sent instead of a welcome when someone signs up with an address that already has an account. */
export function alreadyRegisteredMail(to: string, link: string, resetUrl: string): MailMessage {
  return {
    kind: 'auth.already-registered',
    to,
    subject: 'Vous avez déjà un compte Maillage',
    text: `Bonjour,\n\nQuelqu'un (vous, sans doute) a voulu créer un compte Maillage avec cette adresse, qui en a déjà un. Aucun nouveau compte n'a été créé.\n\nPour vous connecter, ouvrez ce lien (valable 15 minutes) :\n\n${link}\n\nMot de passe oublié ? ${resetUrl}${signature}`,
  };
}

export function invitationMail(
  to: string,
  opts: { inviter: string; what: string; link: string; newAccount: boolean },
): MailMessage {
  const intro = opts.newAccount
    ? `${opts.inviter} vous a créé un compte Maillage : vous êtes désormais ${opts.what}.`
    : `${opts.inviter} vous a ajouté sur Maillage : vous êtes désormais ${opts.what}.`;
  return {
    kind: 'auth.invitation',
    to,
    subject: `Maillage : vous êtes ${opts.what}`,
    text: `Bonjour,\n\n${intro}\n\nPour vous connecter, ouvrez ce lien (valable 72 heures, utilisable une seule fois) :\n\n${opts.link}\n\nVous pourrez ensuite choisir un mot de passe ou demander un nouveau lien à chaque connexion.${signature}`,
  };
}
