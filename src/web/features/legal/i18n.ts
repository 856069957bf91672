export default {
  fr: {
    legal: {
      notice: {
        title: 'Mentions légales',
        intro:
          'Maillage est un logiciel libre (licence AGPL-3.0) ; cette installation sert plusieurs réseaux. Chacun édite ses propres pages (annuaire, agenda, salons) et en répond : voici qui ils sont.',
        publisher: 'Éditeur',
        address: 'Adresse',
        siret: 'SIRET',
        director: 'Directeur ou directrice de la publication',
        contact: 'Contact pour les données personnelles',
        host: 'Hébergeur',
        missing: 'Ce réseau n’a pas encore renseigné ses mentions légales.',
        privacyLink: 'Lire la politique de confidentialité',
      },
      privacy: {
        title: 'Confidentialité',
        intro:
          'Ce que Maillage enregistre sur vous, pourquoi, combien de temps, et à qui vous adresser. Le responsable du traitement est le réseau qui organise l’événement, le salon ou l’annuaire concerné (ses coordonnées plus bas).',
        collectedTitle: 'Ce qui est enregistré, pourquoi et combien de temps',
        what: 'Données',
        why: 'Pourquoi (base légale)',
        howLong: 'Combien de temps',
        rows: {
          registration: {
            what: 'Inscription à un événement : nom, adresse e-mail, réponses au formulaire, besoins d’accessibilité, présence',
            why: 'Gérer l’événement, vous envoyer votre billet, un rappel et les messages de l’organisateur (votre consentement, donné en cochant la case)',
            howLong:
              'Le temps de l’événement et de son bilan, par le réseau organisateur ; effacées plus tôt sur demande au contact ci-dessous',
          },
          account: {
            what: 'Compte : nom, adresse e-mail, mot de passe chiffré (argon2), langue, rôles dans les réseaux',
            why: 'Vous connecter et vous laisser gérer votre organisation ou votre réseau (contrat : les conditions d’usage du service)',
            howLong: 'Tant que le compte existe ; effacé sur demande',
          },
          organization: {
            what: 'Fiche d’organisation : identité publique de l’entreprise (SIRET, forme juridique, activité, commune), contacts publiés par l’organisation',
            why: 'Annuaire public des réseaux (intérêt légitime : faire connaître les organisations du territoire)',
            howLong:
              'Tant que l’organisation est au réseau ; les données du répertoire Sirene sont publiques',
          },
          fair: {
            what: 'Candidature à un salon : organisation, personne à contacter, présentation',
            why: 'Étudier la candidature et organiser le salon (mesures précontractuelles)',
            howLong:
              'Le temps du salon et de son bilan, par le réseau organisateur ; effacées plus tôt sur demande',
          },
          audit: {
            what: 'Journal des modifications : qui a changé quoi et quand',
            why: 'Sécurité et traçabilité des données des réseaux (intérêt légitime)',
            howLong: 'Avec les données qu’il concerne, pour la sécurité du service',
          },
          technical: {
            what: 'Cookie de session (connexion) et adresse IP dans les journaux du serveur',
            why: 'Faire fonctionner le service et le protéger des abus ; aucun cookie publicitaire ni mesure d’audience',
            howLong:
              'Session : 30 jours au plus ; journaux du serveur : selon l’hébergeur (un an au plus, comme la loi le demande)',
          },
        },
        rightsTitle: 'Vos droits',
        rights:
          'Vous pouvez consulter, corriger, effacer vos données, vous opposer à leur traitement ou retirer votre consentement à tout moment, en écrivant au contact du réseau concerné ci-dessous. Vous pouvez aussi saisir la CNIL (cnil.fr).',
        controllersTitle: 'Responsables du traitement',
        controller: 'Responsable',
      },
      form: {
        title: 'Mentions légales et données personnelles',
        help: 'Ces informations sont publiées sur les pages « Mentions légales » et « Confidentialité ».',
        legalName: 'Raison sociale',
        address: 'Adresse du siège',
        siret: 'SIRET (facultatif)',
        director: 'Directeur ou directrice de la publication',
        contact: 'Contact pour les données personnelles (e-mail ou adresse)',
        host: 'Hébergeur (nom, adresse, téléphone)',
        submit: 'Enregistrer les mentions légales',
        saved: 'Mentions légales enregistrées.',
        view: 'Voir la page publique',
      },
    },
  },
  en: {
    legal: {
      notice: {
        title: 'Legal notice',
        intro:
          'Maillage is free software (AGPL-3.0); this installation serves several networks. Each publishes its own pages (directory, events, fairs) and answers for them: here is who they are.',
        publisher: 'Publisher',
        address: 'Address',
        siret: 'SIRET',
        director: 'Director of publication',
        contact: 'Contact for personal data',
        host: 'Host',
        missing: 'This network has not filled in its legal notice yet.',
        privacyLink: 'Read the privacy policy',
      },
      privacy: {
        title: 'Privacy',
        intro:
          'What Maillage records about you, why, for how long, and whom to ask. The data controller is the network that runs the event, fair or directory concerned (its details below).',
        collectedTitle: 'What is recorded, why and for how long',
        what: 'Data',
        why: 'Why (legal basis)',
        howLong: 'For how long',
        rows: {
          registration: {
            what: 'Event registration: name, email address, form answers, accessibility needs, attendance',
            why: 'Running the event, sending your ticket, a reminder and the organiser’s messages (your consent, given by ticking the box)',
            howLong:
              'For the event and its review, by the organising network; erased sooner on request to the contact below',
          },
          account: {
            what: 'Account: name, email address, hashed password (argon2), language, roles in networks',
            why: 'Signing you in and letting you manage your organisation or network (contract: the terms of use)',
            howLong: 'As long as the account exists; erased on request',
          },
          organization: {
            what: 'Organisation profile: the company’s public identity (SIRET, legal form, activity, commune), contacts the organisation publishes',
            why: 'The networks’ public directory (legitimate interest: making the area’s organisations known)',
            howLong: 'As long as the organisation belongs to the network; Sirene data is public',
          },
          fair: {
            what: 'Fair application: organisation, contact person, pitch',
            why: 'Reviewing the application and running the fair (pre-contractual steps)',
            howLong: 'For the fair and its review, by the organising network; erased sooner on request',
          },
          audit: {
            what: 'Change log: who changed what and when',
            why: 'Security and traceability of the networks’ data (legitimate interest)',
            howLong: 'With the data it concerns, for the security of the service',
          },
          technical: {
            what: 'Session cookie (sign-in) and IP address in the server logs',
            why: 'Running the service and protecting it from abuse; no advertising cookie nor audience measurement',
            howLong:
              'Session: 30 days at most; server logs: as the host keeps them (one year at most, as the law requires)',
          },
        },
        rightsTitle: 'Your rights',
        rights:
          'You may see, correct or erase your data, object to its use or withdraw your consent at any time, by writing to the contact of the network concerned below. You may also complain to the CNIL (cnil.fr).',
        controllersTitle: 'Data controllers',
        controller: 'Controller',
      },
      form: {
        title: 'Legal notice and personal data',
        help: 'These details are published on the “Legal notice” and “Privacy” pages.',
        legalName: 'Legal name',
        address: 'Registered address',
        siret: 'SIRET (optional)',
        director: 'Director of publication',
        contact: 'Contact for personal data (email or address)',
        host: 'Host (name, address, phone)',
        submit: 'Save the legal notice',
        saved: 'Legal notice saved.',
        view: 'See the public page',
      },
    },
  },
};
