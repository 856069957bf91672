export default { fr: {}, en: {} };
