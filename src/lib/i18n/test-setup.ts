// Unit tests translate in every language: all three are loaded before any test runs.
import { languages } from '../form/schema';
import { loadLanguage } from './index';
import { loadAdminLanguage } from './admin';

await Promise.all([...languages.map(loadLanguage), ...languages.map(loadAdminLanguage)]);
