export default {
  fr: {
    accounts: {
      email: 'Adresse e-mail',
      password: 'Mot de passe',
      name: 'Nom et prénom',
      passwordHint: '10 caractères au moins. Une phrase de passe est plus facile à retenir.',
      passwordTooShort: 'Le mot de passe doit compter au moins 10 caractères.',
      signIn: {
        title: 'Connexion',
        modes: 'Mode de connexion',
        withPassword: 'Avec mon mot de passe',
        withLink: 'Recevoir un lien par e-mail',
        linkHelp: 'Nous vous envoyons un lien de connexion valable 15 minutes, à usage unique.',
        linkSent: "Si un compte existe pour cette adresse, un lien de connexion vient d'y être envoyé.",
        submit: 'Se connecter',
        sendLink: 'Envoyer le lien',
        forgot: 'Mot de passe oublié ?',
        noAccount: 'Pas encore de compte ?',
      },
      signUp: {
        title: 'Créer un compte',
        intro:
          "Un compte permet de modifier la fiche de votre organisation, de vous inscrire aux événements et, pour les coordinateurs, d'animer un réseau.",
        submit: 'Créer mon compte',
        done: 'Votre demande est enregistrée. Consultez votre messagerie pour confirmer votre adresse.',
        already: 'Déjà un compte ?',
      },
      link: {
        title: 'Connexion par lien',
        checking: 'Vérification du lien…',
        missing: 'Ce lien est incomplet : il lui manque son jeton.',
        failed: 'Ce lien ne fonctionne pas ou a expiré.',
        again: 'Recevoir un nouveau lien',
      },
      forgot: {
        title: 'Mot de passe oublié',
        intro:
          'Indiquez votre adresse : si elle correspond à un compte, vous recevrez un lien pour choisir un nouveau mot de passe.',
        submit: 'Recevoir un lien',
        sent: 'Si un compte existe pour cette adresse, un lien vient d’y être envoyé.',
      },
      reset: {
        title: 'Nouveau mot de passe',
        password: 'Nouveau mot de passe',
        confirm: 'Confirmez le mot de passe',
        mismatch: 'Les deux mots de passe ne sont pas identiques.',
        submit: 'Enregistrer et me connecter',
        again: 'Demander un nouveau lien',
      },
    },
  },
  en: {
    accounts: {
      email: 'Email address',
      password: 'Password',
      name: 'Full name',
      passwordHint: 'At least 10 characters. A passphrase is easier to remember.',
      passwordTooShort: 'The password must have at least 10 characters.',
      signIn: {
        title: 'Sign in',
        modes: 'How to sign in',
        withPassword: 'With my password',
        withLink: 'Get a link by email',
        linkHelp: 'We send you a sign-in link, valid for 15 minutes and usable once.',
        linkSent: 'If an account exists for this address, a sign-in link has just been sent to it.',
        submit: 'Sign in',
        sendLink: 'Send the link',
        forgot: 'Forgot your password?',
        noAccount: 'No account yet?',
      },
      signUp: {
        title: 'Create an account',
        intro:
          'An account lets you edit your organisation’s page, register for events and, for coordinators, run a network.',
        submit: 'Create my account',
        done: 'Your request is recorded. Check your mailbox to confirm your address.',
        already: 'Already have an account?',
      },
      link: {
        title: 'Sign in with a link',
        checking: 'Checking the link…',
        missing: 'This link is incomplete: its token is missing.',
        failed: 'This link does not work or has expired.',
        again: 'Get a new link',
      },
      forgot: {
        title: 'Forgotten password',
        intro:
          'Enter your address: if it matches an account, you will receive a link to choose a new password.',
        submit: 'Get a link',
        sent: 'If an account exists for this address, a link has just been sent to it.',
      },
      reset: {
        title: 'New password',
        password: 'New password',
        confirm: 'Confirm the password',
        mismatch: 'The two passwords differ.',
        submit: 'Save and sign in',
        again: 'Ask for a new link',
      },
    },
  },
};
