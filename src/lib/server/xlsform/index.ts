/** XLSForm in and out: readXlsForm (read.ts) and writeXlsForm (write.ts), by the column table in columns.ts. */
export { readXlsForm, type ReadResult, type XlsProblem } from './read';
export { writeXlsForm } from './write';
