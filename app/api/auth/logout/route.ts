import { withAuth } from '@/lib/auth/with-auth';
import { logout } from '@/lib/auth/login';

/** POST → ends the session (server-side, so a copied cookie dies too) and clears the cookie. */
export const POST = withAuth(async (req, { auth }) => logout(req, auth));
