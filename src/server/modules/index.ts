import type { FastifyInstance } from 'fastify';
import type { Deps } from '../context.ts';
import { authRoutes } from './accounts/auth.routes.ts';
import { networksRoutes } from './accounts/networks.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { eventsModule } from './events/events.module.ts';
import { fairsRoutes } from './fairs/fairs.routes.ts';
import { gtecRoutes } from './gtec/gtec.routes.ts';
import { legalRoutes } from './legal/legal.routes.ts';
import { mailRoutes } from './mail/mail.routes.ts';
import { membershipsRoutes } from './memberships/memberships.routes.ts';
import { networkingRoutes } from './networking/networking.routes.ts';
import { newsRoutes } from './news/news.routes.ts';
import { newsletterIssuesRoutes } from './newsletters/newsletters.issues.routes.ts';
import { newslettersRoutes } from './newsletters/newsletters.routes.ts';
import { observatoryRoutes } from './observatory/observatory.routes.ts';
import { officialFiguresRoutes } from './observatory/official-figures.routes.ts';
import { organizationsRoutes } from './organizations/organizations.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { registrationMessagesRoutes } from './registrations/registrations.messages.routes.ts';
import { registrationsRoutes } from './registrations/registrations.routes.ts';
import { relationsRoutes } from './relations/relations.routes.ts';
import { siteRoutes } from './site/site.routes.ts';
import { territoriesRoutes } from './territories/territories.routes.ts';

/** A module's HTTP routes, registered in their own encapsulated scope. */
export type ModuleRoutes = (app: FastifyInstance, deps: Deps) => Promise<void> | void;

// Each capability registers its routes here, in no particular order.
export const modules: ModuleRoutes[] = [
  territoriesRoutes,
  siteRoutes,
  organizationsRoutes,
  authRoutes,
  networksRoutes,
  auditRoutes,
  mailRoutes,
  registrationsRoutes,
  registrationMessagesRoutes,
  fairsRoutes,
  observatoryRoutes,
  officialFiguresRoutes,
  eventsModule,
  legalRoutes,
  membershipsRoutes,
  networkingRoutes,
  relationsRoutes,
  newslettersRoutes,
  gtecRoutes,
  newsRoutes,
  privacyRoutes,
  newsletterIssuesRoutes,
];
