/** Administrator and supervisor endpoints use a configured bearer token (constant-time compare). */
export { requireBearer } from '@madoguchi/http';
