import { ensurePlatformAdmin } from '../../server/modules/accounts/accounts.service.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

export const createAdminCommand: Command = {
  name: 'create-admin',
  usage: 'create-admin <email> [--name "Prénom Nom"]',
  description: 'Make an account platform admin (created when absent) and print a one-time sign-in link.',
  async run(args) {
    const email = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--name');
    const nameAt = args.indexOf('--name');
    const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
    if (!email || (nameAt >= 0 && !name)) {
      console.error('usage: maillage create-admin <email> [--name "Prénom Nom"]');
      return 2;
    }
    return withDeps(async (deps) => {
      const { account, created, link } = await ensurePlatformAdmin(deps, { email, name });
      console.log(
        `${created ? 'Compte créé' : 'Compte existant'} : ${account.email} est administrateur de la plateforme.`,
      );
      console.log(`Lien de connexion (valable 72 heures, une seule fois) :\n  ${link}`);
      return 0;
    });
  },
};
