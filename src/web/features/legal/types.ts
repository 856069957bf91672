/** GET /api/networks/:id/legal, GET /api/legal. */
export interface LegalDetails {
  legalName: string;
  address: string;
  siret: string | null;
  publicationDirector: string;
  dataContact: string;
  host: string;
  updatedAt: string;
}
export interface NetworkLegal {
  network: { id: string; slug: string; name: string; kind: string };
  details: LegalDetails | null;
}
