import type { Deps } from '../../context.ts';
import { processing as accounts } from '../accounts/accounts.privacy.ts';
import { processing as audit } from '../audit/audit.privacy.ts';
import { processing as events } from '../events/events.privacy.ts';
import { processing as fairs } from '../fairs/fairs.privacy.ts';
import { processing as gtec } from '../gtec/gtec.privacy.ts';
import { processing as mail } from '../mail/mail.privacy.ts';
import { processing as memberships } from '../memberships/memberships.privacy.ts';
import { processing as networking } from '../networking/networking.privacy.ts';
import { processing as news } from '../news/news.privacy.ts';
import { processing as newsletters } from '../newsletters/newsletters.privacy.ts';
import { processing as organizations } from '../organizations/organizations.privacy.ts';
import { processing as registrations } from '../registrations/registrations.privacy.ts';
import { processing as relations } from '../relations/relations.privacy.ts';
import { retentionSettings } from './privacy.retention.ts';
import type { ProcessingActivity } from './privacy.types.ts';

// The register of processing (RGPD art. 30), public: one line per processing, declared by the module that does it
// (`processing` in its `<module>.privacy.ts`); the durations come from the retention settings. A new module adds
// its declaration to this list.

const privacy: ProcessingActivity[] = [
  {
    id: 'privacy',
    name: { fr: 'Demandes d’accès et d’effacement', en: 'Access and erasure requests' },
    data: {
      fr: 'Adresse e-mail de la demande, empreinte du lien envoyé',
      en: 'E-mail address asked for, hash of the link sent',
    },
    purpose: { fr: 'Répondre aux droits des personnes', en: 'Answer people’s rights' },
    legalBasis: {
      fr: 'Obligation légale (RGPD, art. 15 et 17)',
      en: 'Legal obligation (GDPR, art. 15 and 17)',
    },
    retention: () => ({ fr: 'Jusqu’à l’effacement de la personne', en: 'Until the person is erased' }),
    audience: { fr: 'L’administration de la plateforme', en: 'The platform admin' },
  },
];

const declared: ProcessingActivity[] = [
  ...accounts,
  ...memberships,
  ...registrations,
  ...events,
  ...fairs,
  ...networking,
  ...relations,
  ...newsletters,
  ...gtec,
  ...news,
  ...organizations,
  ...mail,
  ...audit,
  ...privacy,
];

type Line = {
  name: string;
  data: string;
  purpose: string;
  legalBasis: string;
  retention: string;
  audience: string;
};

/** Every line in both languages, with today's durations. */
export async function processingRegister(deps: Pick<Deps, 'db'>) {
  const rules = await retentionSettings(deps);
  const line = (a: ProcessingActivity, l: 'fr' | 'en'): Line => ({
    name: a.name[l],
    data: a.data[l],
    purpose: a.purpose[l],
    legalBasis: a.legalBasis[l],
    retention: a.retention(rules)[l],
    audience: a.audience[l],
  });
  return {
    retention: rules,
    activities: declared.map((a) => ({ id: a.id, fr: line(a, 'fr'), en: line(a, 'en') })),
  };
}
