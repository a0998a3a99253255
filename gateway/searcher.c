/* The search thread (searcher.h): a FIFO of jobs in, a FIFO of finished
 * jobs out, both under one mutex; an ev_async tells the loop. The busy
 * marks of numbers are the loop's alone (no lock). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ev.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/searcher.h"
#include "store/store.h"

struct busy {
	char	src[MSG_ADDR_MAX];
	int	n;
};

struct searcher {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;
	struct search_job	*in_head, *in_tail;
	struct search_job	*out_head, *out_tail;
	struct store		*rd;
	struct ev_loop		*loop;
	ev_async		 async;
	void			(*ready)(void *);
	void			*arg;
	/* loop side */
	struct busy		*busy;
	int			 nbusy, capbusy;
	uint64_t		 jobs;
};

static void
push(struct search_job **head, struct search_job **tail, struct search_job *j)
{
	j->next = NULL;
	if (*tail != NULL)
		(*tail)->next = j;
	else
		*head = j;
	*tail = j;
}

static struct search_job *
pop(struct search_job **head, struct search_job **tail)
{
	struct search_job	*j = *head;

	if (j != NULL) {
		*head = j->next;
		if (*head == NULL)
			*tail = NULL;
		j->next = NULL;
	}
	return j;
}

static void *
run(void *arg)
{
	struct searcher		*s = arg;
	struct search_job	*j;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		while (!s->stop && s->in_head == NULL)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop)
			break;
		j = pop(&s->in_head, &s->in_tail);
		pthread_mutex_unlock(&s->mu);
		commerce_find_on(s->rd, &j->f);
		pthread_mutex_lock(&s->mu);
		push(&s->out_head, &s->out_tail, j);
		ev_async_send(s->loop, &s->async);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static void
on_async(struct ev_loop *loop, ev_async *w, int revents)
{
	struct searcher	*s = w->data;

	(void)loop;
	(void)revents;
	s->ready(s->arg);
}

int
searcher_start(struct searcher **out, const char *path, struct ev_loop *loop,
    void (*ready)(void *), void *arg, char *err, size_t errlen)
{
	struct searcher	*s = xcalloc(1, sizeof(*s));

	if (store_open_reader(&s->rd, path, err, errlen) == -1) {
		free(s);
		return -1;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->loop = loop;
	s->ready = ready;
	s->arg = arg;
	ev_async_init(&s->async, on_async);
	s->async.data = s;
	ev_async_start(loop, &s->async);
	if (pthread_create(&s->th, NULL, run, s) != 0) {
		snprintf(err, errlen, "search thread: cannot start");
		ev_async_stop(loop, &s->async);
		store_close(s->rd);
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

static void
free_all(struct search_job *j)
{
	while (j != NULL) {
		struct search_job	*n = j->next;

		free(j);
		j = n;
	}
}

void
searcher_stop(struct searcher *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->th, NULL);
	ev_async_stop(s->loop, &s->async);
	free_all(s->in_head);
	free_all(s->out_head);
	store_close(s->rd);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s->busy);
	free(s);
}

static struct busy *
busy_of(const struct searcher *s, const char *src)
{
	int	i;

	for (i = 0; i < s->nbusy; i++)
		if (strcmp(s->busy[i].src, src) == 0)
			return &s->busy[i];
	return NULL;
}

void
searcher_submit(struct searcher *s, struct search_job *j)
{
	struct busy	*b = busy_of(s, j->src);

	if (b == NULL) {
		if (s->nbusy == s->capbusy) {
			s->capbusy = s->capbusy ? s->capbusy * 2 : 64;
			s->busy = xrealloc(s->busy, (size_t)s->capbusy *
			    sizeof(*s->busy));
		}
		b = &s->busy[s->nbusy++];
		snprintf(b->src, sizeof(b->src), "%s", j->src);
		b->n = 0;
	}
	b->n++;
	s->jobs++;
	pthread_mutex_lock(&s->mu);
	push(&s->in_head, &s->in_tail, j);
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

struct search_job *
searcher_done(struct searcher *s)
{
	struct search_job	*j;

	pthread_mutex_lock(&s->mu);
	j = pop(&s->out_head, &s->out_tail);
	pthread_mutex_unlock(&s->mu);
	return j;
}

bool
searcher_busy(const struct searcher *s, const char *src)
{
	return s != NULL && busy_of(s, src) != NULL;
}

void
searcher_release(struct searcher *s, const char *src)
{
	struct busy	*b = busy_of(s, src);

	if (b == NULL || --b->n > 0)
		return;
	*b = s->busy[--s->nbusy];
}

uint64_t
searcher_jobs(const struct searcher *s)
{
	return s != NULL ? s->jobs : 0;
}

int
searcher_inflight(const struct searcher *s)
{
	int	i, n = 0;

	for (i = 0; s != NULL && i < s->nbusy; i++)
		n += s->busy[i].n;
	return n;
}
