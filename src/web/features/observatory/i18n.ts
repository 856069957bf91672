export default {
  fr: {
    observatory: {
      title: "Observatoire de l'ESS",
      lead: "Les chiffres de l'économie sociale et solidaire de votre territoire, estimés d'après le répertoire Sirene de l'INSEE, avec leurs marges et les chiffres publiés à côté.",
      pick: 'Territoire (commune, EPCI, département, région)',
      snapshot: 'Instantané Sirene',
      loading: 'Calcul des indicateurs…',
      noSnapshot:
        "Aucun instantané Sirene n'a encore été importé (la démo l'importe en arrière-plan au démarrage : rechargez dans une minute).",
      demo: 'Données de démonstration générées : elles imitent les ordres de grandeur publiés, pas la réalité.',
      keyJobs: "{jobs} emplois dans l'ESS",
      oneInN: '1 emploi privé sur {n}',
      bounds: 'entre {low} et {high} emplois selon les tranches d’effectifs',
      establishments: '{count} établissements employeurs',
      shareEstablishments: '{share} % des établissements employeurs privés',
      shareJobs: 'soit {share} % des emplois privés (de {low} à {high} %)',
      secretTotal:
        'Les chiffres de ce territoire sont couverts par le secret statistique : trop peu d’établissements, un établissement dominant, ou pour qu’un autre chiffre masqué ne puisse pas être recalculé.',
      officialTitle: 'Chiffres publiés',
      officialNone: 'Aucun chiffre publié enregistré pour ce territoire.',
      officialJobs: '{jobs} emplois',
      officialFte: '{fte} ETP',
      officialPayroll: '{payroll} de masse salariale',
      officialEstablishments: '{count} établissements',
      officialShare: '{share} % des emplois privés',
      officialYear: 'en {year}',
      allFamilies: "toute l'ESS",
      families: 'Par famille',
      sectors: "Par secteur d'activité",
      sizes: 'Par taille',
      evolution: 'Évolution',
      subTerritories: 'Par sous-territoire',
      official: 'Chiffres publiés',
      byDepartment: 'Par département',
      colName: 'Nom',
      colEstablishments: 'Établissements employeurs',
      colJobs: 'Emplois (estimation centrale)',
      colBounds: 'Fourchette',
      colShare: 'Part des emplois privés',
      secret: 'secret',
      secretHelp:
        'secret statistique : moins de 3 établissements, un établissement dominant, ou case masquée pour protéger une autre',
      exportCsv: 'Exporter en CSV',
      exportAll: 'Exporter tous les tableaux (CSV)',
      exportXlsx: 'XLSX',
      exportAllXlsx: 'Classeur XLSX',
      print: 'Imprimer le rapport',
      embed: 'Intégrer ce chiffre sur un site',
      embedHelp:
        'Copiez ce code dans une page de votre site : l’image se met à jour à chaque nouvel instantané.',
      methodology: 'Méthodologie',
      source: 'Source : Sirene (INSEE), instantané {month}, estimation Maillage. Périmètre : {scope}.',
      noData: 'Aucune donnée',
      // Methodology page, statistical secrecy (MethodologyPage.tsx)
      secrecy: {
        title: 'Le secret statistique',
        primary:
          'Une case n’est pas publiée si elle compte moins de 3 établissements (règle de fréquence) ou si un seul établissement y pèse plus de 85 % des emplois (règle de dominance). Cela vaut pour toutes les cases publiées d’un territoire : le total de l’ESS, chaque famille, chaque secteur d’activité, chaque classe de taille, et aussi les totaux des employeurs privés hors ESS et du secteur public, qui servent au calcul des parts.',
        secondary:
          'Masquer ces cases ne suffit pas : on pourrait les retrouver par différence. Le secret est donc décidé une fois pour chaque instantané, à l’import, pour toutes les cases de tous les territoires de son périmètre, puis enregistré : les pages, les exports (CSV, XLSX), la carte, l’image à intégrer et les séries d’évolution lisent tous ces mêmes décisions.',
        relations:
          'Relations prises en compte : pour chaque territoire, total de l’ESS = somme des familles = somme des secteurs = somme des tailles ; et, pour chaque case (total, famille, secteur, taille, privé hors ESS, public), les emboîtements commune → EPCI, commune → département, EPCI → département (quand les EPCI rattachés au département le couvrent exactement), département → région et région → France. Dans aucune de ces relations une case masquée n’est seule : quand il y en a une seule, la plus petite autre case non vide (en établissements) est masquée à son tour (secret induit), et ainsi de suite jusqu’à ce qu’aucune relation ne soit dans ce cas. Une case vide reste publiée : sa valeur est connue.',
        shares:
          'Une part (des établissements, de l’emploi privé) n’est pas publiée si l’un des totaux dont elle est faite est masqué. L’évolution montre, pour chaque instantané, ce que cet instantané publie. Un instantané importé avant cette règle reçoit son plan de secret à sa première consultation.',
        limits:
          'Limites : la règle « jamais une case masquée seule dans une relation » est celle des outils de secret usuels, mais elle ne garantit pas qu’une case masquée ne puisse pas être encadrée : en combinant les cases publiées, on peut parfois en déduire des bornes (« au moins 4 établissements »), voire une valeur en combinant plusieurs relations à la fois. Ne sont pas traités : les EPCI à cheval sur deux départements (le département n’est alors pas la somme de ses EPCI), les croisements famille × secteur × taille (non publiés) et les liens entre instantanés successifs (chaque instantané est protégé à part : l’écart entre deux mois n’est pas protégé).',
      },
    },
  },
  en: {
    observatory: {
      title: 'Social economy observatory',
      lead: 'Figures of the social and solidarity economy for your area, estimated from INSEE’s Sirene register, with their margins and the published figures beside them.',
      pick: 'Area (town, EPCI, department, region)',
      snapshot: 'Sirene snapshot',
      loading: 'Computing the indicators…',
      noSnapshot:
        'No Sirene snapshot imported yet (the demo imports one in the background at start: reload in a minute).',
      demo: 'Generated demo data: it mimics the published orders of magnitude, not reality.',
      keyJobs: '{jobs} jobs in the social economy',
      oneInN: '1 private job in {n}',
      bounds: 'between {low} and {high} jobs given the headcount brackets',
      establishments: '{count} employer establishments',
      shareEstablishments: '{share} % of private employer establishments',
      shareJobs: 'that is {share} % of private jobs ({low} to {high} %)',
      secretTotal:
        'The figures of this area are covered by statistical secrecy: too few establishments, one dominant establishment, or so that another hidden figure cannot be worked out.',
      officialTitle: 'Published figures',
      officialNone: 'No published figure recorded for this area.',
      officialJobs: '{jobs} jobs',
      officialFte: '{fte} FTE',
      officialPayroll: '{payroll} payroll',
      officialEstablishments: '{count} establishments',
      officialShare: '{share} % of private jobs',
      officialYear: 'in {year}',
      allFamilies: 'whole social economy',
      families: 'By family',
      sectors: 'By sector',
      sizes: 'By size',
      evolution: 'Trend',
      subTerritories: 'By sub-area',
      official: 'Published figures',
      byDepartment: 'By department',
      colName: 'Name',
      colEstablishments: 'Employer establishments',
      colJobs: 'Jobs (central estimate)',
      colBounds: 'Range',
      colShare: 'Share of private jobs',
      secret: 'secret',
      secretHelp:
        'statistical secrecy: fewer than 3 establishments, one dominant establishment, or a cell hidden to protect another',
      exportCsv: 'Export as CSV',
      exportAll: 'Export every table (CSV)',
      exportXlsx: 'XLSX',
      exportAllXlsx: 'XLSX workbook',
      print: 'Print the report',
      embed: 'Embed this figure on a website',
      embedHelp: 'Paste this code into a page of your site: the image follows each new snapshot.',
      methodology: 'Methodology',
      source: 'Source: Sirene (INSEE), {month} snapshot, Maillage estimate. Scope: {scope}.',
      noData: 'No data',
      // Methodology page, statistical secrecy (MethodologyPage.tsx)
      secrecy: {
        title: 'Statistical secrecy',
        primary:
          'A cell is not published when it counts fewer than 3 establishments (frequency rule) or when one establishment holds more than 85 % of its jobs (dominance rule). This applies to every published cell of an area: the social economy total, each family, each sector, each size class, and also the totals of the other private employers and of the public sector, which the shares are computed from.',
        secondary:
          'Hiding those cells is not enough: they could be worked out by difference. Secrecy is therefore decided once for each snapshot, at import, for every cell of every area in its scope, and stored: the pages, the exports (CSV, XLSX), the map, the embeddable image and the trends all read the same decisions.',
        relations:
          'Relations taken into account: for each area, social economy total = sum of the families = sum of the sectors = sum of the sizes; and, for every cell (total, family, sector, size, other private, public), the nestings town → EPCI, town → department, EPCI → department (when the EPCIs of the department cover it exactly), department → region and region → France. No hidden cell ever stands alone in one of these relations: when one does, the smallest other non-empty cell (in establishments) is hidden too (secondary secrecy), and so on until no relation is in that case. An empty cell stays published: its value is known.',
        shares:
          'A share (of establishments, of private jobs) is not published when one of the totals it is made of is hidden. The trend shows, for each snapshot, what that snapshot publishes. A snapshot imported before this rule gets its secrecy plan the first time it is read.',
        limits:
          'Limits: the rule “never one hidden cell alone in a relation” is the one of the usual secrecy tools, but it does not guarantee that a hidden cell cannot be bounded: combining published cells can sometimes give bounds (“at least 4 establishments”), or even a value by combining several relations at once. Not handled: EPCIs straddling two departments (the department is then not the sum of its EPCIs), family × sector × size cross-tabulations (not published) and links between successive snapshots (each snapshot is protected on its own: the change between two months is not protected).',
      },
    },
  },
};
