import { z } from 'zod';
import { REPORT_FORMATS } from './report';

/** The query of GET /api/report (see report.ts; kept apart so the Overview's bundle has no zod). */
export const reportQuerySchema = z.object({ format: z.enum(REPORT_FORMATS).default('md') }).strict();
