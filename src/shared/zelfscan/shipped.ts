import content from '../../../content/zelfscan/questionnaire.json' with { type: 'json' };
import { type Questionnaire, questionnaireSchema } from './questionnaire.ts';

/**
 * The questionnaire that ships with this version of Weerbaar (content/zelfscan/questionnaire.json),
 * bundled into the web app so an anonymous scan needs no request at all. Parsed on import: content that
 * does not fit the schema fails loudly here, and the unit suite runs the full content check on it.
 */
export const SHIPPED_QUESTIONNAIRE: Questionnaire = questionnaireSchema.parse(content);
