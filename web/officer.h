/* The officers' dashboard routes of lapak-web (issue 14): login, logout
 * and the /dash pages, joining the server's request (web/web.h) to the
 * login state (web/auth.h) and the page renderers (web/dash.h). Every
 * /dash page needs a session; every POST a CSRF token; another place's
 * data is refused with 403. */
#ifndef LAPAK_WEB_OFFICER_H
#define LAPAK_WEB_OFFICER_H
#include "web/web.h"

int	web_login_get(struct web_req *r);
int	web_login_post(struct web_req *r);
int	web_logout(struct web_req *r);
int	web_dash(struct web_req *r);
int	web_dash_report(struct web_req *r);
int	web_dash_csv(struct web_req *r);
int	web_dash_agents(struct web_req *r);
int	web_dash_export(struct web_req *r);

#endif
