import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale, useT } from '../../lib/i18n.tsx';
import './observatory.css';

// How the observatory's figures are made. Choices marked "non confirmé" come from shared docs/domain.md and are
// configurable at import time (`maillage import sirene --mode … --exclude-naf … --public-prefixes …`).

export function MethodologyPage() {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div className="obs obs-method">
      <PageTitle>{`${t('observatory.methodology')} — ${t('observatory.title')}`}</PageTitle>
      <p>
        <Link to="/observatoire">← {t('observatory.title')}</Link>
      </p>
      {locale === 'en' ? (
        <p className="alert alert--info">
          This page is in French. In short: Sirene stock files (INSEE, monthly) are imported per month and
          scope; the ESS perimeter comes from the legal category table and/or the Sirene ESS flag; jobs are
          estimated from headcount brackets (low, central = geometric mean, high); cells with fewer than 3
          establishments or one establishment above 85 % of the jobs are hidden, with secondary secrecy
          decided once per snapshot across tables and nested areas (see the section on statistical secrecy
          below, in English); published figures (with their source) are shown beside the estimates, and
          payroll only ever comes from them.
        </p>
      ) : null}
      <h2>Les données</h2>
      <p>
        Les estimations viennent des fichiers de stock Sirene de l’INSEE (unités légales et établissements,
        publiés chaque mois, formats 3.9 et 3.11 lus par nom de colonne). Un <strong>instantané</strong>{' '}
        correspond à un mois et à un périmètre géographique (France, une région ou des départements) ;
        réimporter un mois le remplace, et les mois successifs donnent l’évolution.
      </p>
      <p>
        Sont conservés, pour le périmètre choisi, <strong>tous les établissements actifs</strong> (état A),
        ESS ou non, publics ou privés, car les parts en ont besoin comme dénominateurs, ainsi que leurs unités
        légales. Les établissements fermés (état F) ne sont pas conservés. Une ligne est écartée et signalée
        dans le rapport d’import (avec son numéro de ligne) si elle est mal formée, si son SIRET est invalide
        (clé de Luhn, règle propre à La Poste) ou si sa commune est inconnue ; les codes d’arrondissement
        (Paris, Lyon, Marseille) et les anciens codes de commune sont rattachés à la commune actuelle. Pour
        les unités à diffusion partielle (statutDiffusion P) et les personnes physiques, ni nom ni adresse ne
        sont enregistrés.
      </p>
      <h2>Le périmètre de l’ESS</h2>
      <p>Trois modes, choisis à l’import (par défaut : « l’un ou l’autre ») :</p>
      <ul>
        <li>
          <strong>catégorie juridique</strong> (approche statistique de l’INSEE) : associations (9210, 9220,
          9221, 9222, 9230, 9260), fondations (9300), mutuelles (8210, 8250, 8290, 6411), coopératives (liste
          des catégories coopératives) ; table déduite des libellés de l’INSEE, <em>non confirmée</em> face à
          la liste officielle ; les catégories incertaines (9223, 9224, 9240, 8510, 8520) ne sont comptées que
          sur option ;
        </li>
        <li>
          <strong>indicateur Sirene</strong> : economieSocialeSolidaireUniteLegale = O ; une société
          commerciale marquée ESS devient « société commerciale de l’ESS » ;
        </li>
        <li>
          <strong>l’un ou l’autre</strong> : comme l’annuaire national des entreprises.
        </li>
      </ul>
      <p>
        Sont ensuite exclues les unités dont l’activité principale relève de l’administration publique
        (division 84), des organisations patronales et consulaires (94.11Z), des syndicats (94.20Z), des
        organisations religieuses (94.91Z) et politiques (94.92Z) — liste <em>non confirmée</em>, réglable ;
        le sort de 94.12Z (organisations professionnelles) est inconnu : elles restent comptées. Les personnes
        morales de droit public (catégories 7xxx et 4xxx, réglable) ne sont jamais dans l’ESS et forment le
        secteur public des dénominateurs.
      </p>
      <h2>Les emplois : des fourchettes</h2>
      <p>
        Sirene ne donne pas d’effectif exact mais une tranche (1 ou 2, 3 à 5, 6 à 9, 10 à 19…). Pour chaque
        établissement employeur (caractère employeur O, ou tranche renseignée autre que « aucun salarié »), on
        compte la borne basse, la borne haute et une valeur centrale, la moyenne géométrique des bornes (les
        effectifs se concentrent vers le bas de chaque tranche). Un employeur sans tranche compte pour 1 à 2
        salariés ; la tranche « 10 000 et plus » est bornée à 20 000. Les chiffres publiés sont arrondis ; les
        bornes sont toujours montrées.
      </p>
      <p>
        La <strong>part de l’emploi privé</strong> rapporte les emplois de l’ESS à ceux de l’ensemble des
        employeurs privés (tous les employeurs moins le secteur public), chacune des trois estimations (basse,
        centrale, haute) avec elle-même. Contrôle national : public 25,6 %, ESS 10,3 % de l’emploi ⇒ 10,3 /
        74,4 = 13,8 % de l’emploi privé (publié : 13,9 %).
      </p>
      <h2>{t('observatory.secrecy.title')}</h2>
      <p>{t('observatory.secrecy.primary')}</p>
      <p>{t('observatory.secrecy.secondary')}</p>
      <p>{t('observatory.secrecy.relations')}</p>
      <p>{t('observatory.secrecy.shares')}</p>
      <p>
        <em>{t('observatory.secrecy.limits')}</em>
      </p>
      <h2>Les chiffres publiés</h2>
      <p>
        À côté des estimations figurent les chiffres publiés (INSEE Flores, Atlas de l’ESS, notes régionales,
        presse), avec leur année (« année non précisée » quand la source ne la donne pas) et leur source,
        importés par fichier CSV par les coordinateurs des réseaux (Administration › Chiffres publiés) ou sur
        le serveur (<code>maillage import official-figures</code>). La masse salariale ne vient jamais de
        Sirene : seulement de ces tableaux. Les écarts entre estimation et chiffre publié s’expliquent par les
        sources (Flores compte les postes au 31 décembre, Sirene des tranches), les années et le périmètre.
      </p>
      <h2>Démonstration</h2>
      <p>
        En démonstration, les fichiers Sirene sont générés au format 3.11 pour le Grand Est, calés sur les
        ordres de grandeur publiés (région : environ 17 000 établissements employeurs et plus de 200 000
        emplois, familles 77/16/3/4 % ; Meurthe-et-Moselle : environ 2 000 établissements et 30 500 emplois ;
        l’ESS ≈ un emploi privé sur sept). Les noms commencent par « DÉMO » ; ce ne sont pas de vraies
        organisations.
      </p>
    </div>
  );
}
