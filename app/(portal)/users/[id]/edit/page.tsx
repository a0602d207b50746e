import { UserPlaceholder } from '../../user-placeholder'

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <UserPlaceholder id={id} permission="users.update" title="Edit" what="Editing a user is coming in the next release." />
}
