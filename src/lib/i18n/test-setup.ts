// Unit tests translate in every language: all three are loaded before any test runs.
import { languages } from '../form/schema';
import { loadAdminLanguage, loadLanguage } from './index';

await Promise.all([...languages.map(loadLanguage), ...languages.map(loadAdminLanguage)]);
