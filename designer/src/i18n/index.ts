/**
 * The designers' UI strings, one pair of files per designer (`formDesigner`, `flowDesigner`, each owning
 * that top-level key). The host (runtime-ui/src/i18n) merges them into its one `translation` namespace,
 * where its own design pages use them too; tests/src/e2e/locales.test.ts checks them with the app's.
 */
import flowDesignerEn from './flowDesigner.en.json';
import flowDesignerZh from './flowDesigner.zh-CN.json';
import formDesignerEn from './formDesigner.en.json';
import formDesignerZh from './formDesigner.zh-CN.json';

export const designerZhCN = { ...formDesignerZh, ...flowDesignerZh };
export const designerEn = { ...formDesignerEn, ...flowDesignerEn };
