import type { DemoSeeder } from '../../../cli/demo/types.ts';
import { saveLegalDetails } from './legal.service.ts';

const demoHost = 'Hébergeur fictif de démonstration, 1 rue de l’Exemple, 54000 Nancy (démo)';

/** The demo networks' legal details, plainly fictitious (no SIRET: a real-looking one could be someone's). */
export const legalDemo: DemoSeeder = {
  name: 'legal',
  async run(ctx) {
    const { chamber, club } = ctx.networks;
    await saveLegalDetails(ctx.deps, ctx.actors.chamberCoordinator, chamber.id, {
      legalName: 'Chambre régionale de l’économie sociale et solidaire Grand Est (démo, association fictive)',
      address: '10 rue de la Démonstration, 54000 Nancy',
      publicationDirector: 'Camille Démo, présidente (fictive)',
      dataContact: 'donnees@cress-grand-est.example',
      host: demoHost,
    });
    await saveLegalDetails(ctx.deps, ctx.actors.clubCoordinator, club.id, {
      legalName: 'Club des entreprises du Sud Haute-Marne (démo, association fictive)',
      address: '2 place de l’Hôtel de Ville, 52200 Langres',
      publicationDirector: 'Dominique Exemple, président (fictif)',
      dataContact: 'donnees@club-sud-haute-marne.example',
      host: demoHost,
    });
  },
};
