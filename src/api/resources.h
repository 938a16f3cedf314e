/* resources: the declarations each module file exports to the registry. */
#ifndef JICENG_RESOURCES_H
#define JICENG_RESOURCES_H

#include "api/resource.h"

/* res_platform.c */
extern const struct resource res_divisions;
extern const struct resource res_orgs;
extern const struct resource res_persons;
extern const struct resource res_enterprises;
extern const struct resource res_users;

#endif
