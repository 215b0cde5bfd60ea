import { registerCaseTypeView } from './features/cases/case-types.ts';
import { sipaCaseTypeView } from './features/sipa/case-type.ts';
import { supportCaseTypeView } from './features/support/case-type.ts';
import { woningscanCaseTypeView } from './features/woningscan/case-type.ts';

/**
 * The composition point of the web's case types (as src/server/app.ts is the server's): the case pages
 * know no type; each type's view, from its own folder, is registered here, one line each. The order is
 * the menu's and the work queue's. Imported by src/web/routes.tsx before the routes are made.
 */
registerCaseTypeView(supportCaseTypeView);
registerCaseTypeView(sipaCaseTypeView);
registerCaseTypeView(woningscanCaseTypeView);
